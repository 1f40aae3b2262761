<#ftl encoding="UTF-8">
<#-- Readers back from leave met Megan's first words in week 1 (week-1-daycare): they get only her last line here.
     Same test as the campaign's `when` for that step. -->
<#assign backFromLeave = (subscriber.attributes.returning_from_leave!"") == "yes" || subscriber.tags?seq_contains("returning-from-leave")>
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

This is the last of our six weeks, so let’s end with some real talk.

Working mom guilt is real, but it doesn’t have to run the show. It’s okay to be both loving and ambitious. It’s okay to rest. It’s okay to be a work in progress.

One of our favorite quotes for working moms:

  “You can be a great mom and still chase your dreams. The two are not mutually exclusive.”

<#if backFromLeave>
Remember Megan, from your first week? A few months after those first drop-offs, she found that her son was thriving, and so was she. Her last line is the one to keep:

  “I’m more present with him now because I feel fulfilled in my work, too.”
<#else>
Megan, a member of our community, went back to work six weeks postpartum. Here’s how she put it:

  “I was drowning in guilt when I dropped my son off at daycare for the first time. But a few months later, I realized he was thriving—and so was I. I’m more present with him now because I feel fulfilled in my work, too.”
</#if>

So let’s redefine success. Normalize ambition. Normalize rest. Normalize not doing it all. Motherhood is not a performance; it’s a relationship. Your worth isn’t measured by how many school events you make or how often you cook dinner from scratch.

You don’t have to choose between being a good mom and being a successful professional. You can be both. Your children don’t need a “perfect” mom. They need you.

And you deserve support, rest and the reminder that you’re not alone. Whether you’re career-driven, at home, or anywhere in between, our community of moms on Instagram shares resources and encouragement for the days that feel lonely. Join us there:
${links.community}

What will you keep from these six weeks? Just hit reply and tell me. I read every answer.

Keep going. You’re redefining motherhood with every brave, beautiful step.

With you all the way,
${campaign.fromName}

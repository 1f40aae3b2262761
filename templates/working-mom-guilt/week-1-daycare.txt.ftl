<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

Last week I promised we’d start with the basics. If you’re heading back to work after parental leave, the basics may look like this: a packed bag, a last hug, and a lump in your throat at the daycare door.

That feeling has a name: daycare guilt. It’s the pang of doubt and sadness so many moms feel when they leave their child with someone else so they can go to work. It’s one face of working mom guilt, that tug-of-war between your career and your family.

It’s normal, and it means you care

Those first drop-offs can feel like the hardest part. If you cried in the car or checked your phone all morning, nothing is wrong with you. That ache isn’t a sign you’re doing something wrong. It’s a sign you care deeply.

There’s evidence that high-quality childcare supports healthy development. The guilt tends to linger anyway, often made worse by well-meaning but judgmental comments, or by too little support around you. So when a remark stings, ask yourself whose voice it really is: yours, or the culture’s?

What helps:

- A predictable rhythm. When your child knows what to expect, small moments like breakfast together or bedtime snuggles become powerful for connection and reassurance.
- Quality over quantity. A study from the University of Maryland found that the amount of time parents spend with their children has far less impact on child outcomes than the quality of that time.
- People in your corner. Fellow moms who understand, a family member who helps out, a colleague who gets it.

Megan, a member of our community, went back to work six weeks postpartum:

  “I was drowning in guilt when I dropped my son off at daycare for the first time. But a few months later, I realized he was thriving—and so was I.”

This week, be extra gentle with yourself. You don’t have to feel fine yet.

How did the first drop-off go, or how do you expect it to go? Just hit reply and tell me. I read every answer.

Read the post’s part on daycare guilt:
${links.daycare}

Warmly,
${campaign.fromName}

<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

You love your kids and your career. So why does it feel like you’re failing at both?

If that question sounds familiar, you’re in good company. Between daycare drop-offs, deadlines, sick days and the pressure to “do it all,” so many working moms end up overwhelmed and under-supported, with a quiet, constant guilt on top of everything else.

That guilt is more than a passing feeling. It touches your mental health, your sense of who you are and your everyday well-being. And it isn’t a personal flaw. It’s something a whole culture hands to mothers.

So over the next six weeks, one short email a week, we’ll unpack it together:

- Email 2, next week: what working mom guilt is, and where it comes from
- Email 3: the toll it takes, and why burnout is a signal, not a failure
- Email 4: what the research actually says
- Email 5: how to start letting go of the guilt
- Email 6: small habits that make your days lighter
- Email 7: encouragement, and a new definition of success
- Email 8: a last note a week later, on what comes next

No homework, and no perfect routine to live up to. Just one idea a week that you can read in a few minutes, maybe with your morning coffee, maybe in the car before pickup.

What made you sign up? What’s the hardest part of your week right now? Just hit reply and tell me. I read every answer.

And if you’d rather read everything at once, the whole post is here:
${links.post}

Either way, I’ll see you next week.

Warmly,
${campaign.fromName}

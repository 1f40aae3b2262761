<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

You love your kids and your career. So why does it feel like you’re failing at both?

If that question sounds familiar, you’re in good company. Between daycare drop-offs, deadlines, sick days and the pressure to “do it all,” so many working moms end up overwhelmed and under-supported, with a quiet, constant guilt on top of everything else.

That guilt is more than a passing feeling. It touches your mental health, your sense of who you are and your everyday well-being. And it isn’t a personal flaw. It’s something a whole culture hands to mothers.

So for the next six weeks, one short email a week, we’ll unpack it together:

- Week 1: what working mom guilt is, and where it comes from
- Week 2: the toll it takes, and why burnout is a signal, not a failure
- Week 3: what the research actually says
- Week 4: how to start letting go of the guilt
- Week 5: small habits that make your days lighter
- Week 6: encouragement, and a new definition of success

No homework, and no perfect routine to live up to. Just one idea a week that you can read in a few minutes, maybe with your morning coffee, maybe in the car before pickup.

If you’d like the whole picture right now, the story this series grew from is here:

Read the full story: https://example.com/working-mom-guilt/story

Either way, I’ll see you next week.

Warmly,
${campaign.fromName}

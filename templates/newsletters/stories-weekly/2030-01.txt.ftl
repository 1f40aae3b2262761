<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

Every week we hear from working moms who carry the same quiet weight: the feeling that whatever they are doing, they should be doing the other thing. This week, three readers shared what helped them set a little of it down.

What helped:

- One protected hour. Not a whole evening, one hour a week with no work and no chores, for herself.
- A shorter list. Writing down the three things that must happen tomorrow, and letting the rest be optional.
- Saying it out loud. Telling one friend or colleague how she felt, and hearing “me too”.

One thing to stop doing: comparing your behind-the-scenes with someone else’s highlight reel. The mom who seems to do it all is usually carrying something you can’t see.

What is one thing that helped you this week? Just hit reply and tell me. I read every answer.

More habits that working moms found helpful are in the post:
${links.habits}

Warmly,
${campaign.fromName}

<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

If you feel constantly torn between your job and your kids, you’re not imagining it. And you’re not alone.

According to the Pew Research Center, more than 70% of mothers with children under 18 are part of the workforce.

And yet a large number of these women report persistent guilt about how they divide their time. Working mom guilt statistics show a striking gap:

  57% of working moms worry that they don’t spend enough time with their children, compared with only 23% of working dads who share the same concern.

That gap says a lot about the pressure placed on mothers to “do it all.”

Maybe you know how it plays out. You skip lunch to make it to the soccer game, then sit on the sidelines checking work email, not fully present anywhere. Or you stay late and miss bedtime. These aren’t isolated moments. They’re the everyday reality of working motherhood.

Now the reassuring part. A study from the University of Maryland found that the amount of time parents spend with their children has far less impact on child outcomes than the quality of that time. Being present, engaged and emotionally available, even for shorter stretches, matters more than being there 24/7.

That doesn’t make the guilt vanish overnight, especially in workplaces that glorify long hours and offer little flexibility. Which is why one more thing matters as much as the numbers: community. Fellow moms who understand, a family member who helps out, a colleague who champions better policies. A support network eases the load.

You may carry a lot. You don’t have to carry it alone.

Does that 57% sound like you? What would “quality time” look like in your week? Just hit reply and tell me. I read every answer.

Read the research section of the post:
${links.research}

Warmly,
${campaign.fromName}

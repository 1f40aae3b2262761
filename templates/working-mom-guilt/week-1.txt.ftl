<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

Last week I promised we’d start with the basics. So: what is working mom guilt?

At its core, it’s an emotional tug-of-war between your career and your family. It shows up when you drop your baby off at daycare and head to work. When a deadline means missing a school event. Or in the shame spiral after you realize a work project left you feeling more fulfilled than a day at home.

And it comes from two directions at once.

From the inside. You may feel guilty for not being there for every moment of your child’s life, even when you know your work is providing for your family.

From the outside. Society still glorifies the ever-present, stay-at-home mom and downplays the realities of working motherhood. Social media and unsolicited advice repeat the same message: that choosing a career means sacrificing your children’s well-being.

Very practical things make it heavier, too: limited paid maternity leave, inflexible schedules and not enough childcare support.

Then there’s daycare guilt, that pang of doubt and sadness when you leave your child with someone else so you can go to work. Well-meaning but judgmental comments, or simply a lack of support around you, can make it linger.

Here’s the thing to hold on to: working mom guilt isn’t just a personal issue. It’s a cultural one. And understanding it is the first step toward releasing it.

This week, just notice when the guilt shows up, and ask yourself whose voice it really is: yours, or the culture’s?

When did the guilt last show up for you, and whose voice was it? Just hit reply and tell me. I read every answer.

If you want to go deeper into the outside pressures (social media, unsolicited advice, too little leave and childcare support), the full section is here:
${links.causes}

Warmly,
${campaign.fromName}

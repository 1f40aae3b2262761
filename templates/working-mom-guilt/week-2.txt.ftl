<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

Working mom guilt isn’t just an emotional inconvenience. Carried for long enough, with too little rest and too little support, it can take a real toll on your mind and your body. This week is about noticing that toll early.

What burnout can look like:

- tiredness that sleep doesn’t fix
- irritability or emotional outbursts
- brain fog and a lack of motivation
- physical aches and pains
- feeling disconnected from your work or your family
- an overwhelming sense of failure, even when you’re doing your best on all fronts

When guilt and stress linger too long, they can wear down your self-worth, feed anxiety and sometimes spiral into depression. And because our culture tells mothers to just “push through,” many women suffer in silence.

Part of the problem is how little support mothers are given. The United States, for example, is one of the few high-income countries that does not mandate paid maternity leave, so many women go back to work before they’ve had time to recover, physically or emotionally.

So if you recognize yourself in that list, please hear this: burnout is not a personal failure. It’s a red flag that the system around you needs to change.

What you need isn’t perfection. It’s support, and not the pat-on-the-back, self-care-meme kind. Real support looks like flexible work options and the freedom to put quality time with your kids first without giving up on your career.

If some of these signs feel heavy, or have been with you for a while, please talk to your doctor or a mental health professional. You deserve care too.

Which of these signs, if any, do you recognise? Just hit reply and tell me. I read every answer.

The post also covers how burnout can turn into depression, and what real support would look like:
${links.burnout}

Warmly,
${campaign.fromName}

This series is for information only and isn’t medical advice.

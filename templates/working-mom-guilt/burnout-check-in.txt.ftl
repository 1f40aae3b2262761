<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

A few days ago we talked about burnout. So I wanted to ask, simply: how are you doing? Not the quick “fine, just busy” answer. The real one.

Take a quiet minute with these questions:

- Are you running on empty, tired in a way sleep doesn’t fix?
- Are you feeling resentful, irritable or foggy?
- Do you feel disconnected from your work or your family?
- Has the guilt stopped passing, and started weighing on how you see yourself?
- Is anxiety, or a low mood, becoming the background of your days?

The first few can be early signs of burnout. The last ones matter too: when guilt and stress linger for too long, they can wear down your self-worth, feed anxiety and sometimes spiral into depression.

If you answered yes to any of them, please hear this again: burnout is a signal, not a failure. It says you’ve been carrying too much, for too long, with too little support. It says nothing about how good a mom you are.

And you don’t have to push through in silence. If these feelings are heavy, or have been with you for a while, please talk to your doctor or a mental health professional. If you ever feel you’re in crisis, contact your local emergency number right away.

For today, just one small thing: five quiet minutes to breathe, journal or simply sit without distractions. Your needs matter too.

How are you, really? Just hit reply and tell me. I read every answer.

And when you have a moment, here is how to set boundaries that protect your energy:
${links.self_care}

Warmly,
${campaign.fromName}

This series is for information only and isn’t medical advice.

<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

Big mindset shifts matter. So do the small routines that carry you through an ordinary Tuesday. These habits won’t erase the guilt completely, but they can help you move through your days with more peace and less pressure.

Build a family rhythm

Keep a predictable schedule, and carve out a little “intentional time” each day: breakfast together, a quick after-school walk, bedtime snuggles. When your child knows what to expect, even small moments become powerful for connection and reassurance.

Delegate and ask for help

You don’t have to do it all. Ask your partner to handle dinner. Hire a house cleaner once a month, if that’s an option for you. Lean on grandparents for backup care. Every task you hand off gives you more room for what matters most.

Practice mindfulness

Check in with yourself once a day. Are you running on empty? Feeling resentful? Those can be early signs of burnout. Five quiet minutes to breathe, journal or simply sit without distractions can ground you, and remind you that your needs matter too.

One tip: start smaller than you think. Pick one habit, not three. Maybe it’s a short walk after dinner, or one chore you hand to someone else this week. Small and steady beats ambitious and abandoned.

Which one habit will you start with? Just hit reply and tell me. I read every answer.

If you’d like all three habits on one page, to come back to later:
${links.habits}

Warmly,
${campaign.fromName}

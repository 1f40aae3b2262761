<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

Knowing where the guilt comes from helps. But how do you actually loosen its grip? Here are four shifts. You don’t need all four this week. Pick the one that speaks to you.

1. Shift your mindset

That inner ache isn’t a sign you’re doing something wrong. It’s a sign you care deeply. And when you show up at work with purpose, your kids see what it looks like to be committed, resilient and fulfilled. You’re modeling ambition, independence and self-worth: lessons they’ll carry for life.

2. Focus on quality over quantity

Studies consistently show that it’s not the number of hours you spend with your child. It’s the connection during those moments that counts. Even 15 minutes of uninterrupted, phone-free time can deepen your bond and reduce your child’s stress and anxiety. Presence over perfection.

3. Set boundaries and protect your energy

Burnout often comes from feeling stretched too thin. Draw a firmer line between work life and home life. Say no to what isn’t essential, schedule short breaks into your day, and make room for what restores you: a walk, prayer, journaling or just a quiet moment alone. Self-care isn’t selfish. It’s survival.

4. Accept the trade-offs

You can’t be everything to everyone, and that’s okay. Some days you’ll miss a meeting; some days, a school play. Showing up consistently, with love, grace and honesty, means more than showing up perfectly. Your best, imperfect as it may feel, is enough.

A small experiment for this week: choose one 15-minute window, put your phone in another room, and let your child lead. Then notice how it feels, for both of you.

Which shift will you try this week? Just hit reply and tell me. I read every answer.

Warmly,
${campaign.fromName}

<#ftl encoding="UTF-8">
Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,

It’s been a week since the last of our six emails. Before this series ends, I have one question for you, and two places to go from here.

What helped you most?

Was it naming the guilt, seeing burnout as a signal, the research on quality time, one of the four shifts, or a small habit you kept? Or did something not help at all?

What helped, and what didn’t? Just hit reply and tell me. I read every answer.

Your answer shapes what we write next, and it reaches a person, not a machine.

Moms who get it

Adjusting to motherhood is hard enough. Add the demands of working motherhood and it can feel isolating and lonely at times. Our community lives on Instagram, where we share resources and inspiration for career-driven moms, moms at home, and everyone in between. Come say hello there:
${links.community}

What comes next

This is the last email of the series: nothing more from it will arrive. If you’d like to keep hearing from us, join the newsletter. It’s where we share new posts and resources for working moms, and you can leave it with one click, any time.

Join the newsletter:
${links.newsletter}

If not, this is goodbye for now. Thank you for spending these weeks with us. Keep going, mama: you’re doing the best you can, and that matters.

With you all the way,
${campaign.fromName}

<#ftl encoding="UTF-8">
<#-- Default plain-text layout: the rendered text body, then the footer. -->
${body?trim}

--
You're receiving this because you signed up for ${campaign.name}.
Email ${step.number} of ${step.total}

View in browser: ${links.webView}
Email preferences: ${links.preferences}
Unsubscribe: ${links.unsubscribe}

${campaign.postalAddress}

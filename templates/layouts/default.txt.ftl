<#ftl encoding="UTF-8">
<#--
  Default plain-text layout: the rendered text body, wrapped, then the footer as a signature.
  Body templates write one paragraph per line; `wrap` breaks lines at 76 characters on spaces
  (RFC 5322 asks for at most 78), never inside a word, so a URL longer than the line stays whole
  on a line of its own. A list item ("- ", "1. ") or an indented quote continues under its text.
-->
<#function wrap text width=76>
  <#local lines = []>
  <#list text?split("\n") as line>
    <#if line?length lte width>
      <#local lines += [line]>
    <#else>
      <#-- "s": a carriage return or U+2028 from subscriber data is text here, not the end of a match -->
      <#local lead = line?matches(r"( *(?:- |\d+\. )?).*", "s")?groups[1]>
      <#local hang = ""?left_pad(lead?length)>
      <#local current = lead>
      <#list line?substring(lead?length)?split(" ") as word>
        <#if current?length gt hang?length && current?length + 1 + word?length gt width>
          <#local lines += [current]>
          <#local current = hang + word>
        <#elseif current?length == lead?length>
          <#local current = current + word>
        <#else>
          <#local current = current + " " + word>
        </#if>
      </#list>
      <#local lines += [current]>
    </#if>
  </#list>
  <#return lines?join("\n")>
</#function>
${wrap(body?trim)}

<#-- "-- " with its trailing space (written as an expression so no editor strips it) is the
     signature separator mail clients recognise: they grey out or drop the footer when quoting. -->
--${" "}
${wrap(campaign.name)}
<#if campaign.kind == "newsletter">Newsletter
${wrap("You're receiving this because you subscribed to this newsletter. Replies reach a person: " + campaign.replyTo)}<#else><#if step.number gt 0>Email ${step.number} of ${step.total}<#else>An extra email, outside the numbered ones</#if>
${wrap("You're receiving this because you signed up for this series. Replies reach a person: " + campaign.replyTo)}</#if>

View in browser:
${links.webView}
Email preferences:
${links.preferences}
Unsubscribe:
${links.unsubscribe}

${wrap(campaign.postalAddress)}

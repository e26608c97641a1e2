// Marks the page as able to run GOV.UK Frontend's JavaScript (no inline scripts).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");

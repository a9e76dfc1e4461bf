// Marks the body before first paint so GOV.UK Frontend's JavaScript-only styles apply (kept out of inline script).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");

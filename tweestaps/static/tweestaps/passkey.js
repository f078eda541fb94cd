// After a passkey was added (django-otp-webauthn's script), show the page anew: the list
// of passkeys then includes it. When a name was typed beside "Passkey toevoegen", send it
// first, for the new passkey's number (the answer shows the page anew). No inline script:
// the site's CSP allows only its own files.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const form = document.getElementById("passkey-naam-form");
  const naam = form && form.elements.naam;
  if (naam && naam.value.trim() && event.detail && event.detail.id) {
    form.elements.passkey.value = event.detail.id;
    form.submit();
  } else {
    window.location.reload();
  }
});

// Enter in the name field adds the passkey (there is none yet to name).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.id === "passkey-naam-form" && !form.elements.passkey.value) {
    event.preventDefault();
    const knop = document.getElementById("passkey-register-button");
    if (knop && !knop.disabled) knop.click();
  }
});

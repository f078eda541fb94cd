// After a passkey was added (django-otp-webauthn's script), show the page anew: the list
// of passkeys then includes it. No inline script: the site's CSP allows only its own files.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});

# The frame of every borrower page: the skip link, the menus, the footer, the language
# switcher, and the error pages. Values in { $braces } are filled in by Servicer; keep them.

skip-to-main = Skip to main content
nav-main = Main
nav-your-loans = Your loans
nav-documents = Documents
nav-messages = Messages
nav-unread = unread
nav-profile = Profile
nav-help = Help
nav-sign-out = Sign out
nav-home = Home
nav-sign-in = Sign in
footer-questions-html = Questions? Call <a href="tel:{ $phone }">{ $phone }</a>, { $hours }, or email <a href="mailto:{ $email }">{ $email }</a>.
footer-services-for-lender = { $name } services your loan on behalf of your lender.

## Error pages

error-quote-id = If you call us about this, quote error
error-back = Back to the page you were on
error-back-note = (it opens afresh: your browser's Back button keeps what you typed).
error-home-or-help-html = <a href="{ $home }">Go to the home page</a> or <a href="/help">get help</a>.
error-not-found = Page not found
error-not-found-body = If you typed the web address, check it is correct.
error-internal = Sorry, something went wrong
error-internal-body = We could not finish this request. Nothing was changed. Please try again in a few minutes.
error-too-large = That was too much to send
error-too-large-body = Nothing was saved or changed: what you sent is larger than the { $kb } KB we accept. Use your browser's Back button to return to the form, where what you typed is usually still there; shorten it (a secure message can be up to { $max } characters) and send it again.
error-cross-site = This request came from another site
error-cross-site-body = For your security we only accept forms sent from our own pages. Nothing was changed.
error-expired = This page has expired
error-expired-body = Nothing was changed. Your session may have ended: go back, reload the page and try again, or sign in again.
error-form-incomplete = That form was not complete
error-form-incomplete-body = Nothing was changed. Go back, fill in every field and try again.
error-form-reload-body = Nothing was changed. Go back, reload the page and try again.
error-not-allowed = You may not do this

## The language switcher

language-unknown = We do not offer that language
language-unknown-body = Servicer is in English and Spanish. Nothing was changed.

## Forms

form-error-prefix = Error:
form-there-is-a-problem = There is a problem

## How a payment was (or will be) applied

split-caption = The split of this payment
split-to = To
split-amount = Amount
split-fees = Fees
split-interest = Interest
split-principal = Principal
split-unapplied = More than the balance: held as a credit on your account (call us at { $phone } to have it refunded)

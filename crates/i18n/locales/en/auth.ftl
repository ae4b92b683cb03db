# Signing in, creating a sign-in, recovering a username or password, adding a loan, the
# second sign-in step, and what the portal says when it refuses one of these steps.
# Values in { $braces } are filled in by Servicer; keep them.

## Words several pages share

auth-username = Username
auth-password = Password
auth-code = Code
auth-continue = Continue
auth-account-number = Account number
auth-ssn-last4 = Last 4 digits of your Social Security number
auth-date-of-birth = Date of birth
auth-date-of-birth-hint = For example, 04/12/1985
auth-zip = ZIP code
auth-back-to-profile = Back to your profile
auth-stay-signed-in = Stay signed in

## Sign in

login-heading = Sign in
login-new-here = New here?
login-new-here-body = Set up your sign-in with the 16-digit account number on your statement.
login-notice-reset = Your password is changed. Sign in with it.
login-notice-signed-out = You have signed out.
login-notice-not-paid = Your session ended before your payment was confirmed, so the payment was NOT made. Sign in and make the payment again.
login-notice-ended = Your session has ended. Sign in again.

## The code sent to sign in or to create a sign-in

auth-verify-heading-app = Enter the code from your app
auth-verify-heading-messages = Check your messages
auth-verify-totp-intro = Open your authenticator app and enter the 6-digit code it shows for { $name }. Lost your phone? Enter one of your recovery codes instead.
auth-verify-sent-html = We sent a 6-digit code to <strong>{ $to }</strong>. It expires in 10 minutes.
auth-verify-remember = Remember this device for 30 days (do not tick on a shared computer)
# "No code? Check your spam folder, or [send a new code by email] or [by text]."
auth-verify-no-code = No code? Check your spam folder, or
auth-verify-resend-email = send a new code by email
auth-verify-resend-or = or
auth-verify-resend-text = by text

## Create your sign-in

enroll-heading = Create your sign-in
enroll-intro = You need your statement (or the letter that told you your loan moved to us). We check these details against our records, then send a code to the email or mobile number we have on file.
enroll-account-number-hint = The 16 digits on your statement, for example 5218 4000 0000 1010
enroll-zip-hint = The ZIP code of the address on your statement
enroll-send-where = Where should we send your code?
enroll-by-email = Email on file
enroll-by-text = Text to the mobile number on file
enroll-have-sign-in = Already have a sign-in?
enroll-credentials-heading = Choose a username and password
enroll-credentials-username-hint = 4 to 64 letters, digits, dots, dashes, underscores or @
enroll-credentials-password-hint = At least 12 characters. A phrase of several words you will remember is best; it must not be a common password
enroll-credentials-confirm = Enter the password again
enroll-credentials-button = Create sign-in

## Forgot your username or password

recover-username-heading = Forgot your username?
recover-username-intro = Enter the email address we have on file for you. We will email your username to it.
recover-username-button = Email my username
recover-username-sent = If that email address is on file with a sign-in, we have sent the username to it. It can take a few minutes to arrive.
recover-email-address = Email address
recover-password-heading = Forgot your password?
recover-password-intro = Enter your username. We will email a link to choose a new password to the address on file.
recover-password-button = Email me a link
recover-password-sent = If that username exists, we have emailed a link to the address on file. The link works once, for 30 minutes.
recover-check-email = Check your email
recover-back-to-sign-in = Back to sign in
recover-reset-heading = Choose a new password
recover-reset-intro = At least 12 characters. A phrase of several words you will remember is best.
recover-reset-password = New password
recover-reset-confirm = Enter it again
recover-reset-button = Change password

## Add a loan

link-heading = Add a loan
link-intro = Loans of yours that we service appear on your dashboard. To add a loan under another record (for example a loan that moved to us later), enter its details. We will send a code to the contact on file for that loan.
link-account-number-hint = The 16 digits on the statement
link-back-to-loans = Back to your loans
link-code-sent = We sent a 6-digit code to { $to }. It expires in 10 minutes.
link-contact-on-file = the contact on file
link-button = Add loan

## Sign out everywhere, and the warning before a session times out

auth-everywhere-heading = Sign out everywhere?
auth-everywhere-what = You will be signed out on every device and browser signed in as you, this one included. Anything not yet sent on those devices (a payment not yet confirmed, a message not yet sent) is not sent.
auth-everywhere-devices = Devices you chose to remember will ask for a code again when you next sign in.
auth-everywhere-button = Sign out everywhere
auth-session-warning = You will be signed out in { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    } because nothing has happened on this page. Anything not yet confirmed is not sent.
auth-session-ended = You have been signed out. Anything not yet confirmed was not sent.
auth-session-sign-in-again = Sign in again

## The second sign-in step

security-heading = Second sign-in step
security-totp-on = You sign in with your password and the code from your authenticator app. You have { $count } recovery { $count ->
        [one] code
       *[other] codes
    } left.
security-move-app = Move to a new phone or app
security-move-app-note = (this also gives you new recovery codes)
security-codes-by-message = Use codes by email instead
security-codes-on = You sign in with your password and a code we send you each time.
security-app-safer = An authenticator app (such as one on your phone) is safer than codes by email or text, and works without signal.
security-totp-heading = Set up an authenticator app
security-totp-step-open = Open your authenticator app and add an account.
security-totp-step-scan = Scan this code with the app.
security-totp-qr-alt = QR code for setting up your authenticator app. If you cannot scan it, type the setup key shown below into the app instead.
security-totp-cannot-scan = Cannot scan it? Type this setup key into the app:
security-totp-step-enter = Enter the 6-digit code the app now shows.
security-totp-code = Code from the app
security-totp-turn-on = Turn on
security-totp-cancel = Cancel
security-totp-done = Your authenticator app is set up
security-totp-done-from-now = From now on, signing in asks for the code your app shows.
security-totp-done-save-codes = Save these recovery codes somewhere safe, such as a password manager or on paper. Each works once, if you lose your phone. We will not show them again.
security-recovery-codes = Recovery codes

## Why a step was refused (shown beside the field at fault)

auth-refusal-no-match = We could not set up a sign-in with those details. Check the account number on your statement and the details you entered. If you already have a sign-in, sign in or use “Forgot your username?”
auth-refusal-already-enrolled = This account already has a sign-in. Sign in, or use “Forgot your username?”
auth-refusal-throttled = Too many attempts. Wait 15 minutes and try again, or call us
auth-refusal-wrong-code = The code is not right. Check it and try again ({ $count ->
        [one] { $count } try
       *[other] { $count } tries
    } left)
auth-refusal-code-spent = The code has expired or was tried too often. Ask for a new code
auth-refusal-bad-credentials = The username or password is not right
auth-refusal-session-ended = Your session has ended. Start again
auth-refusal-step-up-required = For your security, enter your password again to make this change
# { $why } is one of the auth-refusal-account-number-… messages below.
auth-refusal-account-number-shape = Enter the 16-digit account number from your statement: { $why }
auth-refusal-account-number-length = an account number has 16 digits; { $found } digits were given
auth-refusal-account-number-digits = an account number has only digits (spaces and dashes are ignored)
auth-refusal-account-number-check = this account number is not valid: please check each digit against your statement
auth-refusal-ssn-last4-shape = Enter the last 4 digits of your Social Security number
auth-refusal-date-of-birth-shape = Enter your date of birth as MM/DD/YYYY, like 04/12/1985
auth-refusal-zip-shape = Enter a 5-digit ZIP code, like 62704
auth-refusal-username-shape = Choose a username of 4 to 64 letters, digits, dots, dashes, underscores or @
auth-refusal-username-taken = That username is taken. Choose another
auth-refusal-loan-already-linked = This loan is already in your account
auth-refusal-password-too-short = Enter a password of at least { $min } characters
auth-refusal-password-too-long = Enter a password of at most { $max } characters
auth-refusal-password-common = This password is too common: people guess it first. Choose a longer phrase only you would think of
auth-refusal-password-contains-username = Your password must not contain your username
auth-refusal-password-mismatch = The passwords do not match
auth-refusal-step-up-password-wrong = That password is not right
auth-refusal-current-password-wrong = Your current password is not right
auth-refusal-reminder-email-shape = Enter your email address, like name@example.com
auth-refusal-username-missing = Enter your username
auth-refusal-reset-link-spent = This link has expired or was already used. Ask for a new one
auth-refusal-setup-key-unreadable = That setup key is not valid. Start again
# { $reason } is the authenticator library's own words (in English).
auth-refusal-setup-key-refused = That setup key is not valid ({ $reason }). Start again
auth-refusal-authenticator-code-wrong = That code is not right. Enter the 6-digit code your app shows now
auth-refusal-recovery-code-wrong = That recovery code is not right or was already used
auth-refusal-text-missing-email = Enter your email address
auth-refusal-text-missing-subject = Enter a subject
auth-refusal-text-missing-body = Enter your message
auth-refusal-text-too-long-email = your email address must be { $max } characters or fewer
auth-refusal-text-too-long-subject = a subject must be { $max } characters or fewer
auth-refusal-text-too-long-body = your message must be { $max } characters or fewer
auth-refusal-email-shape = Enter an email address like name@example.com
auth-refusal-phone-shape = Enter a 10-digit US mobile number, like 217 555 0143
auth-refusal-alert-unknown = { $item } is not an alert and channel we offer
auth-refusal-texts-need-phone = Add a mobile number to your contact details before turning on texts
auth-refusal-texts-need-consent = To get texts, tick the box to agree to receive them
auth-refusal-paperless-needs-consent = To go paperless, tick the box to agree to receive your statements and notices electronically
auth-refusal-account-holder-name-length = Enter the name on the account (up to { $max } characters)
auth-refusal-card-holder-name-length = Enter the name on the card (up to { $max } characters)
auth-refusal-nickname-too-long = Keep the name to { $max } characters or fewer
# { $why } is one of the auth-refusal-routing-number-… messages below.
auth-refusal-routing-number-shape = Enter the 9-digit routing number from the bottom of a check: { $why }
auth-refusal-routing-number-length = a routing number has 9 digits; { $found } were given
auth-refusal-routing-number-digits = a routing number has only digits
auth-refusal-routing-number-check = this routing number is not valid: check each digit against your check or bank statement
auth-refusal-routing-number-unknown = We do not recognise this routing number. Check it against a check or your bank's website
auth-refusal-bank-account-number-shape = Enter the account number: 4 to 17 digits
auth-refusal-account-numbers-differ = The account numbers do not match
auth-refusal-account-type-unknown = Choose checking or savings
auth-refusal-card-number-length = Enter the 13 to 19 digits of the card number
auth-refusal-card-number-check = This card number is not valid. Check it for a typo
auth-refusal-card-expiry-shape = Enter the expiry as MM/YY, as printed on the card
auth-refusal-card-expired = This card has expired
auth-refusal-card-cvv = Enter the { $digits }-digit security code from the card
auth-refusal-card-zip = Enter the 5-digit ZIP code of the card's billing address
# Said instead of the card processor's own message (which is in English) in another language.
auth-refusal-card-not-accepted = The card was not accepted
auth-refusal-card-processor-unavailable = We could not reach the card processor. Try again in a few minutes
auth-refusal-card-already-saved = This card is already saved as “{ $nickname }”. Choose it when you make a payment or set up AutoPay
auth-refusal-method-pays-autopay = This pays your AutoPay on the loan ending { $last4 }. Change that AutoPay to another account or card, or turn it off, first

## What is wrong with a mailing address

auth-refusal-address-line1-missing = Enter the street address, like 1207 W Lawrence Ave or PO Box 4410
auth-refusal-address-city-missing = Enter the city
auth-refusal-address-state-missing = Choose the state
auth-refusal-address-zip-missing = Enter the ZIP code
# { $part } is one of the auth-refusal-address-part-… names below.
auth-refusal-address-too-long = { $part } must be { $max } characters or fewer (this one has { $chars })
auth-refusal-address-unprintable = { $part } can have letters, numbers, spaces and punctuation only, on one line
auth-refusal-address-state-unknown = Choose a state, the District of Columbia, a U.S. territory, or AA, AE or AP for a military address
auth-refusal-address-zip-shape = Enter a 5-digit ZIP code like 62704, or ZIP+4 like 62704-1234
auth-refusal-address-part-line1 = Street address
auth-refusal-address-part-line2 = Apartment, suite or unit
auth-refusal-address-part-city = City
auth-refusal-address-part-state = State
auth-refusal-address-part-zip = ZIP code

# The borrower's profile: contact details and the mailing address, the language, alerts and
# reminders, paperless statements, the message center and the hardship request.
# Values in { $braces } are filled in by Servicer; keep them.

## Profile and preferences

profile-title = Profile and preferences
profile-saved = Your changes are saved.
profile-confirm-address = Confirm your mailing address
profile-confirm-address-heading = Please confirm your mailing address
profile-confirm-address-body = We could not read the address we have for you as a street, city, state and ZIP code. Check it and enter it again, so your statements and letters reach you.
profile-contact-heading = Contact details
profile-email = Email
profile-phone = Mobile phone
profile-address = Mailing address
profile-none-on-file = None on file
profile-change-contact = Change contact details
profile-signin-heading = Sign-in and security
profile-username = Username
profile-second-step = Second step
profile-second-step-totp = Authenticator app
profile-second-step-sms = A code by text message
profile-second-step-email = A code by email
profile-change-password = Change password
profile-second-step-link = Second sign-in step
profile-sign-out-everywhere = Sign out everywhere
profile-sign-out-everywhere-hint = Signs you out on every device and forgets remembered devices.
profile-prefs-heading = Alerts and statements
profile-statements = Statements
profile-statements-paperless = Paperless (online only)
profile-statements-paper = Paper, by mail
profile-alerts-link = Alerts and reminders
profile-paperless-link = Paperless statements
profile-payment-methods-link = Payment methods
profile-language-heading = Language
profile-language = Language
profile-language-follows = Your emails, text messages and statements are in this language too.
profile-language-choose = The language you read us in
profile-language-save = Save language

## Step-up and password

profile-step-up-heading = Enter your password again
profile-step-up-intro = For your security, we ask for your password before you change your contact details, password or sign-in steps.
profile-password = Password
profile-continue = Continue
profile-password-heading = Change your password
profile-password-intro = Changing your password signs you out everywhere else.
profile-password-current = Current password
profile-password-new = New password
profile-password-new-hint = At least 12 characters; not a common password
profile-password-confirm = Enter the new password again

## Changing contact details

contact-title = Change your contact details
contact-intro = We send codes, alerts and notices here. We will tell your old email address about the change.
contact-no-street = We have no street address for you.
contact-as-typed = We have your address as “{ $address }”, and could not read it as a street, city, state and ZIP code.
contact-enter-below = Enter it below, so your statements and letters reach you.
contact-email = Email address
contact-phone = Mobile phone (optional)
contact-phone-hint = For texts, if you choose them. For example, 217 555 0143
contact-address = Mailing address
contact-address-hint = Where paper statements and letters go. A US address, or a military address (AA, AE or AP).
contact-line1 = Street address
contact-line2 = Apartment, suite or unit (optional)
contact-city = City
contact-state = State
contact-choose-state = Choose a state
contact-zip = ZIP code
contact-zip-hint = 5 digits, or 9 for ZIP+4
contact-save = Save contact details
contact-cancel = Cancel

# A part of the address, as the messages below name it.
contact-field-line1 = Street address
contact-field-line2 = Apartment, suite or unit
contact-field-city = City
contact-field-state = State
contact-field-zip = ZIP code

# What is wrong with a part of the address, beside its field.
contact-error-line1-missing = Enter the street address, like 1207 W Lawrence Ave or PO Box 4410
contact-error-city-missing = Enter the city
contact-error-state-missing = Choose the state
contact-error-zip-missing = Enter the ZIP code
contact-error-too-long = { $field } must be { $max } characters or fewer (this one has { $chars })
contact-error-unprintable = { $field } can have letters, numbers, spaces and punctuation only, on one line
contact-error-state-unknown = Choose a state, the District of Columbia, a U.S. territory, or AA, AE or AP for a military address
contact-error-zip-shape = Enter a 5-digit ZIP code like 62704, or ZIP+4 like 62704-1234

# Places in the list of states whose names are words, not only a name.
contact-state-dc = District of Columbia
contact-state-as = American Samoa
contact-state-mp = Northern Mariana Islands
contact-state-vi = U.S. Virgin Islands
contact-state-fm = Federated States of Micronesia
contact-state-mh = Marshall Islands
contact-state-aa = Armed Forces Americas (AA)
contact-state-ae = Armed Forces Europe, Middle East, Africa, Canada (AE)
contact-state-ap = Armed Forces Pacific (AP)

## Alerts and reminders

alerts-title = Alerts and reminders
alerts-back = Back to your profile
alerts-saved = Your alert choices are saved.
alerts-intro = Choose how we tell you about each thing. Security alerts are always sent by email, and the alerts that protect you (a payment returned) always by email and to your message center.
alerts-always-sent = Always sent by email and to your message center.
alerts-always-on = (always on)
alerts-add-phone-html = To get texts, first <a href="{ $href }">add a mobile number</a>.
alerts-save = Save alert choices
alerts-texts-agreed = You agreed to receive texts.
alerts-stop-texts = Stop all texts
alerts-reply-stop = (you can also reply STOP to any text).
alerts-protective-why = A payment returned by your bank, or taken off your loan, leaves the payment unpaid and may bring a fee, so we always tell you by email and in your message center. You can add texts.
alerts-sms-consent = I agree to receive account alerts by text message at the mobile number on file. Message frequency varies. Message and data rates may apply. Reply STOP to any text to stop, or turn texts off here at any time.

# Each alert: its name, and what it tells.
alerts-payment-due = Payment due
alerts-payment-due-about = a reminder a few days before each due date
alerts-payment-received = Payment received
alerts-payment-received-about = when a payment is credited
alerts-autopay-upcoming = AutoPay upcoming
alerts-autopay-upcoming-about = the amount and date before each draft
alerts-payment-returned = Payment returned
alerts-payment-returned-about = when your bank returns a payment
alerts-statement-ready = Statement ready
alerts-statement-ready-about = when a new statement is in the portal
alerts-past-due = Past due
alerts-past-due-about = when a payment is late
alerts-paid-off = Loan paid off
alerts-paid-off-about = when a loan is paid in full
alerts-secure-message = Secure message answered
alerts-secure-message-about = when we answer a secure message you sent

# The ways an alert is sent.
alerts-channel-email = Email
alerts-channel-sms = Text message
alerts-channel-portal = Message center

# The link in an alert email that stops it.
alerts-unsubscribe-heading = Stop these emails?
alerts-unsubscribe-intro = We will stop emailing you this alert. You can turn it back on in Profile and preferences. Security alerts and notices the law requires are still sent.
alerts-unsubscribe-button = Stop these emails
alerts-unsubscribed = You will not get these emails
alerts-unsubscribed-body = You can turn them back on in Profile and preferences, Alerts and reminders.
alerts-unsubscribe-sign-in = Sign in
alerts-unsubscribe-invalid = That link is not valid
alerts-unsubscribe-invalid-body = Nothing was changed. Sign in and choose your alerts in Profile and preferences.
alerts-cannot-stop = These emails cannot be stopped
alerts-cannot-stop-body = Nothing was changed. You choose every other alert in Profile and preferences, Alerts and reminders.

## Paperless statements

paperless-title = Paperless statements
paperless-now-online = You get your statements online only: we email { $email } when each is ready.
paperless-now-paper = You get your statements on paper, by mail.
paperless-consent-heading = Consent to electronic statements and notices
paperless-esign = I agree to receive my statements and notices about my loans electronically instead of on paper. This covers monthly statements, notices about changes to my account, and other documents about my loans. I can withdraw this consent at any time in Profile and preferences, at no cost, and paper statements will start with the next statement. I can ask for a paper copy of any document at no charge by calling customer service. To view statements I need a device with a current web browser and a PDF reader, and a working email address.
paperless-withdraw = To withdraw your consent and get paper statements again, at no cost:
paperless-send-paper = Send me paper statements
paperless-agree = I have read the consent above and agree to get my statements and notices electronically
paperless-go = Go paperless

## Messages

messages-title = Messages
messages-sent = Your message is sent. We answer within 2 business days, here in your messages.
messages-write = Write to us
messages-inbox-heading = From us
messages-none = No messages yet.
messages-new-tag = New
messages-from-us = Us
messages-threads-heading = Your secure messages
messages-no-threads = You have not written to us yet.
messages-thread-meta = { $count ->
    [one] { $count } message
   *[other] { $count } messages
  } · last { $when }
messages-status-closed = Closed
messages-status-waiting = Waiting for our answer
messages-status-answered = Answered
messages-back = Back to messages
messages-closed = This conversation is closed. Writing again opens it.
messages-we-wrote = { $name } wrote
messages-you-wrote = You wrote
messages-write-again = Write again in this conversation
messages-no-card = Do not include a full card or bank account number.
messages-send = Send message
messages-compose-intro = Secure messages stay inside the portal. Do not include a full card or bank account number.
messages-subject = Subject
messages-body = Your message

# What is wrong with a message, beside its field.
messages-error-subject-missing = Enter a subject
messages-error-body-missing = Enter your message
messages-error-email-missing = Enter your email address
messages-error-subject-too-long = a subject must be { $max } characters or fewer
messages-error-body-too-long = your message must be { $max } characters or fewer
messages-error-email-too-long = your email address must be { $max } characters or fewer
messages-error-throttled = Too many messages for now. Wait 15 minutes and try again, or call us
messages-error-session-ended = Your session has ended. Start again
messages-error-not-found = There is no such message

## Can't make a payment? (hardship)

hardship-title = Can't make a payment?
hardship-back = Back to your loans
hardship-intro = If something has happened that makes a payment hard to make, tell us as early as you can, before a payment is missed if possible. We may be able to help.
hardship-offer-heading = What we may offer
hardship-no-options = Tell us what would help, and we look at what we can do for your loan.
hardship-options-note = Which of these we can offer depends on your loan and what happened. Ask us how an option would be reported to the credit bureaus before you agree to it.
hardship-what-happens = What happens when you ask
hardship-step-message-html = Your request reaches our team as a secure message, with your loan named. It is in your <a href="{ $href }">Messages</a>, and our answer will be there too, within 2 business days.
hardship-step-proof = We may ask you for something that shows what happened, such as a letter from an employer or a doctor.
hardship-step-nothing-changes = Nothing changes on your loan unless you agree to it, and we confirm any change in writing.
hardship-asking-heading = Asking does not change your account by itself
hardship-asking-body = Until we agree a change with you, your payments stay due on their dates, AutoPay keeps drafting if it is on, and a payment made late can still be charged a late fee and reported as late.
hardship-call-html = Would you rather talk? Call us at <a href="tel:{ $phone }">{ $phone }</a>, { $hours }.
hardship-ask-heading = Ask us for help
hardship-no-loans-html = None of the loans linked to your sign-in has payments left to make. If a loan of yours is missing, <a href="{ $href }">add it</a>, or call us.
hardship-loan = Which loan
hardship-choose-loan = Choose a loan
hardship-loan-ending = Loan ending { $last4 }
hardship-loan-ending-past-due = Loan ending { $last4 } (past due)
hardship-reason = What happened?
hardship-option = What are you asking about?
hardship-unsure = I'm not sure: tell me what could work
hardship-details = In your own words, what happened and what would help?
hardship-details-hint = For example, when your income stopped or changed, and what you could pay each month. Up to { $max } characters. Do not include a full card or bank account number.
hardship-way = The best way to reach you
hardship-way-hint-html = Your phone number and email address are in <a href="{ $href }">Profile</a>.
hardship-time = The best time to reach you
hardship-send = Send my request

# What happened.
hardship-reason-job-loss = I lost my job
hardship-reason-less-income = My hours or my pay were cut
hardship-reason-illness = Illness or injury, mine or my family's
hardship-reason-family = A death, divorce or separation in my family
hardship-reason-disaster = A natural disaster
hardship-reason-other = Something else

# The best way and time to reach the borrower.
hardship-way-phone = By phone, at the number on file
hardship-way-email = By email, at the address on file
hardship-way-message = Only in my secure messages here
hardship-when-morning = Mornings, before noon
hardship-when-afternoon = Afternoons, noon to 5 p.m.
hardship-when-evening = Evenings, after 5 p.m.
hardship-when-any = Any time you are open

# What is wrong with the request, beside its field.
hardship-error-loan = Choose the loan you are asking about
hardship-error-reason = Choose what happened
hardship-error-option = Choose the option you are asking about, or that you are not sure
hardship-error-details-missing = Tell us in your own words what happened and what would help
hardship-error-details-too-long = Your words must be { $max } characters or fewer
hardship-error-way = Choose the best way to reach you
hardship-error-time = Choose the best time to reach you

# After sending.
hardship-sent-title = We have your request
hardship-sent-in-messages = Your request is in your messages as “{ $subject }”.
hardship-sent-read = Read it in Messages
hardship-next-heading = What happens next
hardship-next-body = Our team reads it and answers in your Messages within 2 business days. If we need to talk it through, we contact you the way you asked. We may ask you for something that shows what happened.
hardship-until-heading = Until then
hardship-until-body = Asking does not change anything on your account by itself. Until we agree a change with you in writing, your payments stay due on their dates, AutoPay keeps drafting if it is on, and a payment made late can still be charged a late fee and reported as late.

## The hardship request as sent (a secure message the borrower and staff read)

hardship-request-subject = Hardship request: loan ending { $last4 }
hardship-request-heading = Hardship request
hardship-request-loan = Loan: account { $account } (ending { $last4 })
hardship-request-reason = What happened: { $reason }
hardship-request-option = Asking about: { $option }
hardship-request-unsure = Not sure: tell me what could work
hardship-request-way = Best way to reach me: { $way }
hardship-request-when = Best time: { $when }
hardship-request-in-my-words = In my words:

# The Help center (its page, its search and every answer) and the landing page. Values in
# { $braces } are filled in by Servicer; keep them. In a message whose id ends in -html, keep
# the markup (<strong>, <a href=...>, <span ...>) around the words it marks. The keywords of an
# answer are the other words people search with in this language (they are not shown).
# An answer may name the servicer's facts: { $name }, { $phone }, { $payphone } (the
# pay-by-phone line), { $hours }, { $email } and { $account } (an example account number).

## The Help page

help-title = Help
help-results-title = Help: search results
help-heading = Help
help-search-label = Search help
help-search-button = Search
help-topics = Topics
help-no-match = No answers match “{ $query }”.
help-no-match-try-html = Try fewer or different words, see <a href="/help">all answers</a>, or call us at <a href="tel:{ $phone }">{ $phone }</a>.
help-matches =
    { $count ->
        [one] { $count } answer matches “{ $query }”.
       *[other] { $count } answers match “{ $query }”.
    }
help-see-all = See all answers

## Topics

help-topic-ways-to-pay = Ways to pay
help-topic-your-loan = Your loan
help-topic-trouble-paying = Trouble paying
help-topic-signing-in = Signing in
help-topic-security = Security
help-topic-contact-us = Contact us

## Pay online, once

help-pay-online-title = Pay online, once
help-pay-online-keywords = payment portal bank account debit card checking savings today cut-off
help-pay-online-p1 = Sign in to the borrower portal, open your loan and choose Make a payment: pay from a checking or savings account, or with a debit card, saved under Profile, Payment methods. You see how the payment will be applied before you confirm, and get a confirmation number. A payment made before the cutoff time shown on the payment page, on a business day, is credited that day; later, or on a weekend or holiday, the next business day. A bank payment stays pending until it is sent to your bank at that day's cutoff, and you can cancel it from its receipt until then. A card payment is charged at once and credited the same way. You can also schedule a bank payment for a later date.

## AutoPay

help-autopay-title = AutoPay
help-autopay-keywords = automatic recurring draft debit monthly twice a month semimonthly every other week biweekly half change stop
help-autopay-p1 = AutoPay drafts your payment from your bank account or debit card. Monthly, it drafts the scheduled payment, or a fixed amount you choose of at least the payment, on each due date or up to 15 days before it (the business day before, when that day is a weekend or holiday). The last draft is exactly what is left to pay the loan off, and we tell you ahead of any draft that will differ from the usual amount.
help-autopay-p2 = Where your loan allows it, its AutoPay page also offers twice a month (on two days of the month you choose, at least 10 days apart) or every other week (from a first draft date you choose). Each draft is then half your payment; the last draft before each due date covers what is left of that payment, so it is paid on time, and whatever the drafts add up to beyond your payments goes to principal, so the loan is paid off sooner. AutoPay set up by phone is monthly.
help-autopay-p3 = You read and agree to the authorization in the portal, and we send you a copy; every authorization you agreed to stays under Documents, in its exact words. Change or stop AutoPay in the portal at any time before a draft is sent to your bank.

## Bank bill pay and mail

help-pay-by-mail-title = Bank bill pay and mail
help-pay-by-mail-keywords = check cheque mail lockbox address bill pay bank overnight courier money order
help-pay-by-mail-p1-html = Make the check payable to <strong>{ $name }</strong> and write your <strong>16-digit account number</strong> on it. In your bank's bill pay, enter the same 16-digit number as the account number. Mail it to:
help-pay-by-mail-p2 = For overnight or courier delivery:
help-pay-by-mail-p3 = Allow 5 to 7 days for mail. We credit a payment on the day it reaches our payment address.

## Pay by phone

help-pay-by-phone-title = Pay by phone
help-pay-by-phone-keywords = call telephone debit card agent bank account checking
help-pay-by-phone-p1-html = Call <a href="tel:{ $payphone }">{ $payphone }</a>, { $hours }, to pay from your bank account or with a debit card. Have your account number ready, and your bank's routing and account numbers or your card. We read you what you authorize and send you a written notice of it. We never ask for your card's PIN.

## Bank accounts and debit cards

help-payment-methods-title = Bank accounts and debit cards
help-payment-methods-keywords = payment methods card debit add remove save bank account routing checking savings
help-payment-methods-p1 = Signed in, open Profile, then Payment methods, to add a bank account (its routing number is checked) or a debit card, and to remove one you no longer use. A card already saved is not saved twice. You choose among them when you pay or set up AutoPay; one that pays your AutoPay can be removed once that AutoPay uses another, or is off. We never keep a card's number or security code, and a bank account number is kept encrypted.

## Your account number

help-account-number-title = Your account number
help-account-number-keywords = loan number statement digits check digit mistyped
help-account-number-p1-html = Your account number is the 16-digit number printed at the top of your statement, for example <span class="mono">{ $account }</span>. Its last digit is a check digit: if a digit is mistyped, our forms and our payment processing notice, and the payment is not credited to someone else's loan.

## My loan moved to us from another servicer. What changes?

help-transferred-title = My loan moved to us from another servicer. What changes?
help-transferred-keywords = transfer transferred servicing new servicer moved sold autopay re-establish due date
help-transferred-p1-html = Your account number and your due date stay the same, and so do your rate and your payment. Your AutoPay did <strong>not</strong> move with the loan: you must set up AutoPay again with us. Until you do, pay online, by phone or by mail so that no payment is late. The notice of the transfer we sent you is under Documents once you sign in.

## When is a payment late?

help-late-title = When is a payment late?
help-late-keywords = late fee grace period past due missed
help-late-p1 = A payment is due on its due date. If it is still not paid in full when the grace period after the due date ends, a late fee may be charged, as your loan agreement says. The grace period and the fee are set by your loan: signed in, open your loan and read Your loan's rules (for most loans, 10 days). A late fee is charged once for a late payment, never again because an earlier fee is unpaid.

## What if I pay more than is due?

help-extra-title = What if I pay more than is due?
help-extra-keywords = extra additional overpay principal prepay pay ahead credit balance unapplied refund
help-extra-p1 = A payment first pays what is past due and any fees. When you pay more than is due, the payment page asks where the extra goes: to principal (it lowers what you owe and the interest, and your next payment is still due) or toward your next payment. Your loan's rules, on your loan's page, say which is chosen unless you choose otherwise. To see what paying extra does, use What if I pay extra? on your loan's page.
help-extra-p2-html = If we receive more than everything your loan owes, the rest is a credit balance (unapplied funds): it shows with your loan, and we hold it for you. To have it refunded, call <a href="tel:{ $phone }">{ $phone }</a>.

## How do I get a payoff amount?

help-payoff-title = How do I get a payoff amount?
help-payoff-keywords = pay off close loan payoff quote per diem letter good through
help-payoff-p1-html = Signed in, open your loan: <strong>Payoff amount</strong> shows what pays it off today, itemized (principal, interest, and each kind of fee), with the interest each day adds after it and what the figure assumes. Choose another date to see the payoff then; a date that has passed, or one after your last payment is due, is shown for the date we can quote, and the page says which. <strong>Download a payoff letter (PDF)</strong> gives the same figure in a letter good through that date (up to 90 days ahead), with how to pay it; the letter is under Documents too. To pay it, choose Make a payment and Pay off the loan. When the loan is paid off, its paid-in-full letter is on the loan's page and under Documents.
help-payoff-p2-html = A payoff is good through the date it names; interest accrues daily after that. Questions? Call <a href="tel:{ $phone }">{ $phone }</a>.

## I can't make a payment. What can I do?

help-hardship-title = I can't make a payment. What can I do?
help-hardship-keywords = hardship struggling afford behind job loss lost income illness medical deferral defer skip forbearance due date change payment plan help
help-hardship-p1-html = Tell us as early as you can, before a payment is missed if possible. Signed in, choose <strong>Can't make a payment? See your options</strong> (linked from the past-due notice on your loan, or go to /hardship): the page explains what we offer and sends us your request as a secure message, with your loan named. Or call <a href="tel:{ $phone }">{ $phone }</a>, { $hours }. What we may offer:
help-hardship-p2 = Asking does not change anything on your account by itself: your payments stay due and AutoPay keeps drafting until we agree a change with you, and we confirm any change in writing. A payment that is late can still be charged a late fee and reported as late. Ask us how an option would be reported to the credit bureaus before you agree to it.

## How do I dispute a payment or a fee?

help-dispute-title = How do I dispute a payment or a fee?
help-dispute-keywords = dispute error mistake wrong incorrect fee charge payment missing not credited unauthorized notice of error complaint written request
help-dispute-p1-html = If you think we made a mistake (a payment not credited, credited to the wrong loan or on the wrong date, a fee you should not have been charged, a balance that is wrong), call us at <a href="tel:{ $phone }">{ $phone }</a> or send a secure message: many mistakes are put right on the spot. If a payment was taken that you did not authorize, call us at once.
help-dispute-p2-html = To dispute in writing, send a letter to this address, <strong>not the payment address</strong>:
help-dispute-p3 = Include your name, your account number, what you believe is wrong and why, and copies (not originals) of anything that shows it, such as a bank statement. We look into every written dispute and answer you in writing with what we found and, if we made a mistake, how we corrected it. Keep paying what is not in dispute while we look into it, so that no other payment is late.

## Credit reporting: what is reported, and how to dispute it

help-credit-reporting-title = Credit reporting: what is reported, and how to dispute it
help-credit-reporting-keywords = credit report reporting bureau bureaus score equifax experian transunion fcra inaccurate late dispute
help-credit-reporting-p1 = We may report information about your account to credit bureaus (consumer reporting agencies). Late payments, missed payments or other defaults on your account may be reflected in your credit report.
help-credit-reporting-p2 = If you believe something we reported about your loan is inaccurate or incomplete, you can dispute it with us: write to the address below with your name, your account number, what is wrong and why, and a copy of the page of your credit report that shows it. We investigate, tell you what we found, and if what we reported was wrong, we correct it with every credit bureau we reported it to.
help-credit-reporting-p3 = You can also dispute it with the credit bureau whose report shows it; the bureau asks us to check it. You can get your credit reports free at annualcreditreport.com.

## Create your sign-in

help-enroll-title = Create your sign-in
help-enroll-keywords = enroll enrol register sign up account online access first time code
help-enroll-p1-html = Go to <strong>Sign in, then Create your sign-in</strong>. Enter the 16-digit account number from your statement, the last 4 digits of your Social Security number, your date of birth and your ZIP code. We send a code to the email or mobile number we have on file; enter it, then choose a username and a password of at least 12 characters. Every loan you have with us then appears in one place.

## Why do you ask for a code when I sign in?

help-second-step-title = Why do you ask for a code when I sign in?
help-second-step-keywords = two factor 2fa authenticator app totp code recovery remember device
help-second-step-p1 = A password alone can be guessed or stolen, so signing in takes a second step: a code we email or text you, or the code from an authenticator app on your phone (safer; set it up in Profile, Second sign-in step). Keep the recovery codes you get with the app somewhere safe. On your own computer you can tick “Remember this device” for 30 days.

## I forgot my username or password

help-forgot-title = I forgot my username or password
help-forgot-keywords = forgot reset username password locked lockout
help-forgot-p1-html = Use <strong>Forgot your username?</strong> or <strong>Forgot your password?</strong> on the sign-in page: we email your username, or a link to choose a new password, to the address on file. After several wrong passwords in a row we email you and ask for the second step on every device; your own password and second step still get you in. Still stuck? Call <a href="tel:{ $phone }">{ $phone }</a>.

## Statements and paperless

help-statements-title = Statements and paperless
help-statements-keywords = statement monthly paperless e-sign electronic paper mail pdf coupon previous balance
help-statements-p1 = Before each payment is due, we issue a statement for it: the amount due and its due date and, as of the statement date, your previous balance, the payments, interest and fees since, and your new balance. Every statement is on your loan's page and under Documents, as a page and as a PDF with the payment coupon. Unless you go paperless, we also mail it to the mailing address in your Profile.
help-statements-p2-html = In Profile, Paperless statements, you can choose to get them online only: we email you when each one is ready. You can go back to paper at any time, at no cost, and ask for a paper copy of any statement by calling <a href="tel:{ $phone }">{ $phone }</a>.

## Your documents, in one place

help-documents-title = Your documents, in one place
help-documents-keywords = documents pdf statements disclosure truth in lending tila authorization notice transfer payoff letter paid in full print download screen reader
help-documents-p1-html = Every document about your loans is under <strong>Documents</strong> once you sign in, newest first: your monthly statements, your Truth in Lending disclosure, every AutoPay authorization you agreed to (in its exact words, even after it ended), the notice we sent when your loan moved to us from another servicer, a payoff letter drawn for the date you choose and, when a loan is paid off, its paid-in-full letter. With more than one loan, you can show one loan's documents. Each opens as a page and as a PDF to keep or print; the PDFs can be read with a screen reader. For a paper copy, call <a href="tel:{ $phone }">{ $phone }</a>.

## Payment history and interest paid

help-history-title = Payment history and interest paid
help-history-keywords = history download csv pdf interest paid year end summary tax 1098 activity
help-history-p1 = Your loan's page lists every payment with how it was applied to fees, interest and principal. Under Activity, download the payment history as a spreadsheet (CSV) or a PDF, and open the year-end summary of the interest you paid each year.

## Can I change my due date?

help-due-date-title = Can I change my due date?
help-due-date-keywords = due date change move payday day of month
help-due-date-p1 = Signed in, open your loan and choose Change your due date, under Next payments. The page says which days your loan allows, how often you can change it and how far your next payment can move, and shows your new schedule and what the change does to your interest before you confirm. A due date cannot be changed while a payment is past due. If AutoPay is on, it drafts your payments on the new dates. If your loan's due date cannot be changed online, the page says so and how to reach us.

## Change your email, phone or mailing address

help-contact-details-title = Change your email, phone or mailing address
help-contact-details-keywords = address mailing street city state zip move moved email phone mobile contact details update profile
help-contact-details-p1 = Signed in, open Profile and choose Change contact details; for your security we ask for your password again first. Enter your email address, a mobile number if you want texts, and your mailing address part by part: the street, an apartment or unit if any, the city, the state (chosen from a list that includes the District of Columbia, the U.S. territories and military addresses: AA, AE or AP) and the ZIP code (5 digits, or ZIP+4). If anything is wrong, the form lists every problem at once, each beside its field, and saves nothing. Statements and letters go to the new address from then on, and we tell your old email address about the change. If we could not read the address we had for you, Profile asks you to confirm it.

## Alerts and reminders

help-alerts-title = Alerts and reminders
help-alerts-keywords = alerts reminders notifications email text sms message center stop unsubscribe returned
help-alerts-p1 = In Profile, Alerts and reminders, choose for each alert whether we email you, text you, or write in your message center. Texts need your consent, and you can reply STOP to any text. Two kinds are always sent: security alerts, by email, and a payment returned by your bank, by email and to your message center, because it leaves the payment unpaid and may bring a fee.

## Will you ever ask for my password?

help-security-title = Will you ever ask for my password?
help-security-keywords = fraud scam phishing password code pin
help-security-p1 = No. We never ask for your password, a one-time code or your card's PIN by phone, email or text.

## Contact us

help-contact-title = Contact us
help-contact-keywords = phone call email hours customer service help
help-contact-p1-html = Call customer service at <a href="tel:{ $phone }">{ $phone }</a>, { $hours }. Email <a href="mailto:{ $email }">{ $email }</a> (never send your full account number, SSN or card number by email).

## Send us a secure message

help-messages-title = Send us a secure message
help-messages-keywords = secure message write question inbox message center
help-messages-p1 = Signed in, open Messages and choose Write to us. Secure messages stay inside the portal; we answer there within 2 business days. Alerts you chose to get in the message center appear there too.

## The landing page

landing-title = Your loan, in one place
landing-lead = { $name } services installment loans for your lender. Here you can see every loan you have with us, make a payment, set up AutoPay, and choose how we remind you.
landing-new-heading = Is your loan new to us?
landing-new-body-html = If your loan recently moved to { $name } from another servicer, <strong>your account number and due date stay the same</strong>. Your AutoPay did not move with it: you must set up AutoPay again with us so that no payment is missed.
landing-pay-heading = Ways to pay
landing-online-heading = Online
landing-online-body = Pay once from a bank account or debit card in the borrower portal.
landing-autopay-heading = AutoPay
landing-autopay-body = Have each payment drafted from your bank account or debit card on its due date, or up to 15 days before.
landing-mail-heading = By mail or bank bill pay
landing-mail-body = Send a check to our payment address with your 16-digit account number.
landing-phone-heading = By phone
landing-phone-body-html = Call <a href="tel:{ $phone }">{ $phone }</a> to pay from your bank account or with a debit card.
landing-every-way = Every way to pay, with our payment addresses

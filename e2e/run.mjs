// Browser tests: the real `servicer serve --demo` in a scratch directory, driven through
// Debian's Chromium by playwright-core, every page checked by axe-core (WCAG 2.2 AA).
//
//   cargo build --release -p cli && npm --prefix e2e ci && node --test e2e/run.mjs
//
// The files run in this order in one server: public pages first, then a new borrower's
// whole journey through the portal and another's documents center (portal_documents.mjs), then
// the staff console: the supervisor's reports, then a
// new agent's day (console_agent.mjs), the lockbox exception queue (console_remittances.mjs),
// and servicing actions with four eyes: an agent asks to reverse a payment, a supervisor
// signed in beside them approves it, and a borrower changes a due date in the portal
// (servicing_actions.mjs). Then the console's forms sent with several mistakes at once (the
// pay form, a fee waiver, the bank days): every message listed and linked to its field, and
// dates as people write them (console_forms.mjs). Last, a Spanish-speaking borrower's
// enrolment, payment and first statement (portal_spanish.mjs), whose close of business moves
// the demo's date forward.

import './harness.mjs';
import './public.mjs';
import './portal.mjs';
import './portal_documents.mjs';
import './console.mjs';
import './console_agent.mjs';
import './console_remittances.mjs';
import './servicing_actions.mjs';
import './console_forms.mjs';
import './portal_spanish.mjs';

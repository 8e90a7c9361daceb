/**
 * What the SHOP project holds: Brightlane Digital relaunching Northwind Outfitters' web shop.
 * Each entry says where the work ended up (its sprints by ordinal and its status); the demo site
 * plans the dates, changelogs and worklogs from that.
 */
import type { Persona } from './people';
import type { PriorityName, Progress } from './siteConfig';

export type EpicRef = 'catalogue' | 'checkout' | 'accounts' | 'cms' | 'performance' | 'launch';

export interface EpicEntry {
  ref: EpicRef;
  summary: string;
  detail: string;
  due?: number;
}

export interface BacklogComment {
  by: Persona;
  text: string;
  /** Addressed to someone (an ADF mention before the text). */
  to?: Persona;
  /** Only visible to the Developers role. */
  internal?: boolean;
}

export interface BacklogEntry {
  ref: string;
  epic: EpicRef;
  kind: 'story' | 'task' | 'bug';
  summary: string;
  points?: number;
  labels: string[];
  /** Ordinals of the sprints it has been in ([3, 4]: carried over from sprint 3 to 4); empty: backlog. */
  sprints: number[];
  /** Added to its sprint after the sprint had started. */
  lateAdd?: boolean;
  status: Progress;
  owner?: Persona;
  /** Who raised it; the PM unless said otherwise. Client-raised issues start unassigned. */
  reporter?: Persona;
  priority?: PriorityName;
  /** 'sprint': due at the end of its first sprint; a number: days from today. */
  due?: 'sprint' | number;
  detail: string;
  criteria?: string[];
  subtasks?: Array<{ summary: string; owner?: Persona }>;
  comments?: BacklogComment[];
  /** Reviewed before Done (default: stories and bugs yes, tasks no). */
  review?: boolean;
  /** The review sent it back once. */
  rework?: boolean;
}

export const SHOP_SPRINT_GOALS = [
  'Foundations: environments, CI/CD, catalogue import and the design system',
  'Browse & search: category pages, product detail and faceted search',
  'Checkout v1: cart, payments and order confirmation',
  'Customer accounts and CMS content ready for client UAT',
  'Performance, SEO and launch readiness',
];

export const SHOP_EPICS: EpicEntry[] = [
  { ref: 'catalogue', summary: 'Catalogue & search', detail: 'Everything a shopper uses to find products: category pages, product detail pages, search and filters, fed by the Northwind PIM export.' },
  { ref: 'checkout', summary: 'Checkout & payments', detail: 'Cart, checkout, payment methods, discounts and order confirmation.' },
  { ref: 'accounts', summary: 'Customer accounts', detail: 'Registration, sign-in, order history, addresses and wishlists for returning customers.' },
  { ref: 'cms', summary: 'CMS & content', detail: 'Content the Northwind marketing team edits themselves: homepage, campaigns, content pages, blog and store locator.' },
  { ref: 'performance', summary: 'Performance & SEO', detail: 'Fast pages and no loss of search ranking at the switch-over: Core Web Vitals, structured data, sitemaps and redirects.', due: 30 },
  { ref: 'launch', summary: 'Launch & migration', detail: 'Environments, data migration, UAT and the go-live itself.', due: 35 },
];

export const SHOP_BACKLOG: BacklogEntry[] = [
  // Sprint 1 — foundations
  {
    ref: 'environments', epic: 'launch', kind: 'task', summary: 'Set up staging and production environments', points: 3, labels: ['devops'],
    sprints: [1], status: 'done', owner: 'dev4',
    detail: 'Provision staging and production on the hosting platform with separate databases, secrets and domains.',
    criteria: ['staging.northwind-outfitters.example serves the skeleton app', 'Production is locked behind basic auth until launch'],
  },
  {
    ref: 'ci-cd', epic: 'launch', kind: 'task', summary: 'CI/CD pipeline with preview deployments per pull request', points: 5, labels: ['devops'],
    sprints: [1], status: 'done', owner: 'dev4',
    detail: 'Every pull request builds, runs the tests and deploys a preview the client can click through.',
    criteria: ['Main deploys to staging automatically', 'Preview URL is posted on each pull request'],
  },
  {
    ref: 'catalogue-import', epic: 'catalogue', kind: 'story', summary: 'Import product catalogue from the Northwind PIM export', points: 8, labels: ['backend'],
    sprints: [1, 2], status: 'done', owner: 'dev2', due: 'sprint',
    detail: 'Nightly import of the PIM CSV export (about 4,200 products, 31,000 variants) into the product service.',
    criteria: ['Products, variants, prices and stock are imported', 'A failed row is reported, not silently skipped', 'A full import finishes in under 10 minutes'],
    comments: [
      { by: 'dev2', text: 'The export has three different date formats and some prices with a comma as decimal separator. Handling all of them; this spills into the next sprint.', internal: true },
      { by: 'pm', to: 'clientPo', text: 'Could your PIM team confirm whether the "season" column is still used? It is empty for 80% of the products.' },
      { by: 'clientPo', text: 'It is legacy — please ignore it. The collection tag replaces it.' },
    ],
  },
  {
    ref: 'category-page', epic: 'catalogue', kind: 'story', summary: 'Category listing page with pagination', points: 5, labels: ['frontend'],
    sprints: [1], status: 'done', owner: 'dev1',
    detail: 'As a shopper I can browse a category and page through its products.',
    criteria: ['24 products per page', 'Page number is kept in the URL', 'Empty categories show a friendly message'],
    subtasks: [{ summary: 'Category page template' }, { summary: 'Pagination component' }, { summary: 'Empty category state', owner: 'dev3' }],
  },
  {
    ref: 'cms-choice', epic: 'cms', kind: 'task', summary: 'Evaluate headless CMS options and set up the chosen one', points: 3, labels: ['cms', 'backend'],
    sprints: [1], status: 'done', owner: 'dev3',
    detail: 'Compare three headless CMS products on editor experience, localisation and cost; set up the winner.',
    comments: [{ by: 'clientMarketing', text: 'Our team liked the live preview in the second option best.' }],
  },
  {
    ref: 'design-system', epic: 'cms', kind: 'story', summary: 'Design system: typography, colours and buttons from the brand guide', points: 5, labels: ['frontend'],
    sprints: [1], status: 'done', owner: 'dev1',
    detail: 'Implement the approved brand guide as reusable components so pages stay consistent.',
    criteria: ['Tokens for colour, spacing and type', 'Buttons, links, form fields and badges', 'Documented in the component catalogue'],
  },
  {
    ref: 'url-strategy', epic: 'performance', kind: 'task', summary: 'Agree URL structure and redirect strategy with Northwind', points: 2, labels: ['seo', 'needs-client-input'],
    sprints: [1], status: 'done', owner: 'dev3',
    detail: 'Decide the new URL scheme for categories and products and how old URLs redirect.',
    comments: [{ by: 'clientPo', text: 'Approved: /c/<category>/ and /p/<product-slug>/ as proposed.' }],
  },
  {
    ref: 'auth-approach', epic: 'accounts', kind: 'task', summary: 'Choose the authentication approach (email and social sign-in)', points: 2, labels: ['backend'],
    sprints: [1], status: 'done', owner: 'dev2',
    detail: 'Decide between the platform\'s built-in accounts and an identity provider; social sign-in with Google and Apple.',
  },
  {
    ref: 'monitoring', epic: 'launch', kind: 'task', summary: 'Set up error tracking and uptime monitoring', points: 2, labels: ['devops'],
    sprints: [1], status: 'done', owner: 'dev4',
    detail: 'Errors from browser and server reach the team channel; uptime checks on staging and production.',
  },
  // Sprint 2 — browse & search
  {
    ref: 'faceted-search', epic: 'catalogue', kind: 'story', summary: 'Faceted search: filter by size, colour, brand and price', points: 8, labels: ['backend', 'frontend'],
    sprints: [2, 3], status: 'done', owner: 'dev2', due: 'sprint', rework: true,
    detail: 'As a shopper I can narrow search results and category pages with filters that show how many products match.',
    criteria: ['Facet counts update as filters are applied', 'Filters are kept in the URL', 'Works with keyboard only'],
    subtasks: [{ summary: 'Search index mapping for facets' }, { summary: 'Facet sidebar component', owner: 'dev1' }, { summary: 'Price range slider', owner: 'dev1' }],
  },
  {
    ref: 'product-page', epic: 'catalogue', kind: 'story', summary: 'Product detail page: gallery, sizes and colour swatches', points: 8, labels: ['frontend'],
    sprints: [2], status: 'done', owner: 'dev1',
    detail: 'As a shopper I see a product\'s photos, pick a size and colour and see whether it is in stock.',
    criteria: ['Selecting a colour switches the photos', 'Sizes out of stock are shown but disabled', 'Size guide opens in a dialog'],
    subtasks: [{ summary: 'Image gallery with zoom' }, { summary: 'Size guide dialog', owner: 'dev3' }],
  },
  {
    ref: 'search-suggest', epic: 'catalogue', kind: 'story', summary: 'Search suggestions while typing', points: 3, labels: ['frontend', 'backend'],
    sprints: [2], status: 'done', owner: 'dev2',
    detail: 'Show up to six product and category suggestions after two typed characters.',
  },
  {
    ref: 'back-in-stock', epic: 'catalogue', kind: 'story', summary: 'Out-of-stock badge and "notify me when back" sign-up', points: 3, labels: ['frontend'],
    sprints: [2], status: 'done', owner: 'dev3',
    detail: 'Shoppers can leave their email on a sold-out size and get one email when it is back.',
  },
  {
    ref: 'homepage-cms', epic: 'cms', kind: 'story', summary: 'Homepage hero and campaign banners managed in the CMS', points: 5, labels: ['cms', 'frontend'],
    sprints: [2], status: 'done', owner: 'dev3',
    detail: 'Marketing schedules homepage heroes and banners in the CMS without a deployment.',
    criteria: ['Banners have start and end dates', 'Preview before publishing'],
  },
  {
    ref: 'safari-images', epic: 'catalogue', kind: 'bug', summary: 'Product images appear stretched on Safari iOS', points: 1, labels: ['frontend', 'tested'],
    sprints: [2], status: 'done', owner: 'dev1', reporter: 'dev4', priority: 'high',
    detail: 'On iPhone (Safari 17) product images in the grid are stretched vertically.',
    criteria: ['Images keep their aspect ratio on Safari iOS 16 and 17'],
  },
  {
    ref: 'import-characters', epic: 'catalogue', kind: 'bug', summary: 'Special characters in product names break the CSV import', points: 2, labels: ['backend', 'tested'],
    sprints: [2], status: 'done', owner: 'dev2', reporter: 'dev4',
    detail: 'Products whose names contain "ø" or "é" are imported with garbled names.',
  },
  {
    ref: 'image-cdn', epic: 'performance', kind: 'task', summary: 'Image CDN with responsive sizes and WebP', points: 3, labels: ['performance', 'devops'],
    sprints: [2], status: 'done', owner: 'dev4',
    detail: 'Serve product photos through the image CDN in the size the layout needs, as WebP where supported.',
  },
  {
    ref: 'registration', epic: 'accounts', kind: 'story', summary: 'Customer registration and sign-in', points: 5, labels: ['backend', 'frontend'],
    sprints: [2], status: 'done', owner: 'dev2',
    detail: 'As a shopper I can create an account with email and password, or sign in with Google or Apple.',
    criteria: ['Email is verified before the first order', 'Passwords follow the agreed policy', 'Social sign-in links to an existing account with the same email'],
  },
  {
    ref: 'navigation', epic: 'catalogue', kind: 'story', summary: 'Breadcrumbs and category navigation menu', points: 3, labels: ['frontend'],
    sprints: [2], status: 'done', owner: 'dev1',
    detail: 'Mega menu with the category tree from the PIM and breadcrumbs on category and product pages.',
  },
  // Sprint 3 — checkout v1
  {
    ref: 'cart', epic: 'checkout', kind: 'story', summary: 'Shopping cart: add, change quantity, remove', points: 5, labels: ['frontend'],
    sprints: [3], status: 'done', owner: 'dev1',
    detail: 'As a shopper I can put products in a cart that survives closing the browser.',
  },
  {
    ref: 'payments', epic: 'checkout', kind: 'story', summary: 'Payment provider integration (cards, Apple Pay, Google Pay)', points: 13, labels: ['backend', 'payments'],
    sprints: [3], status: 'done', owner: 'dev2', due: 'sprint', priority: 'high',
    detail: 'Take payments through the provider Northwind already has a contract with.',
    criteria: ['Cards with 3-D Secure', 'Apple Pay and Google Pay', 'Payment events update the order even if the shopper closes the tab'],
    subtasks: [{ summary: 'Payment intents on the order service' }, { summary: 'Webhook handler for payment events' }, { summary: '3-D Secure challenge flow', owner: 'dev1' }],
  },
  {
    ref: 'delivery', epic: 'checkout', kind: 'story', summary: 'Checkout: delivery address and shipping method', points: 5, labels: ['frontend', 'backend'],
    sprints: [3], status: 'done', owner: 'dev3',
    detail: 'Address entry with postcode lookup for the UK and shipping methods with prices from the carrier table.',
  },
  {
    ref: 'order-confirmation', epic: 'checkout', kind: 'story', summary: 'Order confirmation page and email', points: 3, labels: ['backend'],
    sprints: [3], status: 'done', owner: 'dev3',
    detail: 'After paying, the shopper sees a confirmation and receives the confirmation email in Northwind\'s style.',
  },
  {
    ref: 'discount-codes', epic: 'checkout', kind: 'story', summary: 'Discount codes at checkout', points: 5, labels: ['backend', 'payments'],
    sprints: [3, 4], status: 'review', owner: 'dev2', due: 'sprint',
    detail: 'Percentage and fixed-amount codes with validity dates, a minimum basket and one code per order.',
    criteria: ['Invalid codes explain why', 'Discount shown on the order summary and the confirmation email'],
    comments: [{ by: 'dev2', text: 'Waiting for the list of campaign codes for the launch, to test against real ones.', to: 'clientMarketing' }],
  },
  {
    ref: 'vat-twice', epic: 'checkout', kind: 'bug', summary: 'VAT shown twice on the order summary for EU addresses', points: 2, labels: ['payments', 'tested'],
    sprints: [3], status: 'done', owner: 'dev2', reporter: 'clientPo', priority: 'high',
    detail: 'With a delivery address in Ireland the order summary lists VAT twice and the total is wrong.',
  },
  {
    ref: 'colour-filter', epic: 'catalogue', kind: 'bug', summary: 'Filter by colour shows products without stock in that colour', points: 2, labels: ['backend'],
    sprints: [3], status: 'done', owner: 'dev2', reporter: 'clientPo',
    detail: 'Filtering by "navy" lists jackets whose navy variants are all sold out.',
  },
  {
    ref: 'perf-budget', epic: 'performance', kind: 'task', summary: 'Lighthouse baseline and performance budget in CI', points: 2, labels: ['performance'],
    sprints: [3], status: 'done', owner: 'dev4',
    detail: 'Record the Lighthouse baseline for the key templates and fail the build when a budget is exceeded.',
  },
  {
    ref: 'store-locator', epic: 'cms', kind: 'story', summary: 'Store locator page with map', points: 5, labels: ['frontend', 'cms'],
    sprints: [3, 4], status: 'progress', owner: 'dev3', due: 'sprint',
    detail: 'The 14 Northwind stores on a map with opening hours maintained in the CMS.',
    comments: [
      { by: 'dev3', to: 'clientMarketing', text: 'We still need the opening hours for the Dublin and Leeds stores.' },
      { by: 'clientMarketing', text: 'Chasing the store managers, should have them by the end of the week.' },
    ],
  },
  {
    ref: 'analytics', epic: 'launch', kind: 'task', summary: 'Analytics: GA4 ecommerce events', points: 3, labels: ['frontend'],
    sprints: [3], status: 'done', owner: 'dev4',
    detail: 'view_item, add_to_cart, begin_checkout and purchase events with the agreed parameters.',
  },
  {
    ref: 'password-reset', epic: 'accounts', kind: 'story', summary: 'Password reset by email', points: 2, labels: ['backend'],
    sprints: [3], status: 'done', owner: 'dev2',
    detail: 'Reset link valid for one hour, single use.',
  },
  // Sprint 4 — active: accounts and CMS for UAT
  {
    ref: 'order-history', epic: 'accounts', kind: 'story', summary: 'Order history in the customer account', points: 5, labels: ['frontend', 'backend'],
    sprints: [4], status: 'progress', owner: 'dev1',
    detail: 'As a returning customer I see my orders, their status and can download the invoice.',
    subtasks: [{ summary: 'Orders endpoint for the signed-in customer', owner: 'dev2' }, { summary: 'Order list and order detail views' }],
  },
  {
    ref: 'saved-addresses', epic: 'accounts', kind: 'story', summary: 'Saved addresses in the customer account', points: 3, labels: ['frontend'],
    sprints: [4], status: 'done', owner: 'dev3',
    detail: 'Customers keep several delivery addresses and pick one at checkout.',
  },
  {
    ref: 'wishlist', epic: 'accounts', kind: 'story', summary: 'Wishlist', points: 5, labels: ['frontend'],
    sprints: [4], status: 'todo', owner: 'dev1',
    detail: 'Save products for later; the wishlist follows the customer across devices once signed in.',
  },
  {
    ref: 'content-pages', epic: 'cms', kind: 'story', summary: 'Content pages: About us, Delivery & returns, FAQ', points: 3, labels: ['cms', 'needs-client-input'],
    sprints: [4], status: 'review', owner: 'dev3', due: -2,
    detail: 'Page templates in the CMS and the first versions of the three pages with Northwind\'s copy.',
    comments: [
      { by: 'dev3', to: 'clientMarketing', text: 'Templates are ready for review on staging. We only have placeholder text for the returns policy.' },
      { by: 'clientMarketing', text: 'Final copy for the returns policy is with our legal team; expecting it on Thursday.' },
    ],
  },
  {
    ref: 'blog-migration', epic: 'cms', kind: 'task', summary: 'Migrate blog articles from the old WordPress site', points: 3, labels: ['cms', 'migration'],
    sprints: [4], status: 'progress', owner: 'dev3',
    detail: '212 articles with images; keep the publication dates and authors.',
  },
  {
    ref: 'klarna', epic: 'checkout', kind: 'story', summary: 'Klarna pay-later option', points: 8, labels: ['payments', 'needs-client-input'],
    sprints: [4], status: 'todo', owner: 'dev2', due: 5,
    detail: 'Offer "pay in 30 days" and "pay in 3" through Klarna at checkout.',
    comments: [
      { by: 'pm', to: 'clientPo', text: 'We need the Klarna merchant credentials for the test environment to start on this.' },
      { by: 'clientPo', text: 'Our finance team is still finalising the contract with Klarna. I will send the credentials as soon as it is signed.' },
    ],
  },
  {
    ref: 'structured-data', epic: 'performance', kind: 'story', summary: 'Structured data (schema.org Product) on product pages', points: 2, labels: ['seo'],
    sprints: [4], status: 'done', owner: 'dev1',
    detail: 'Product, Offer and BreadcrumbList markup validated with Google\'s Rich Results Test.',
  },
  {
    ref: 'sitemap', epic: 'performance', kind: 'task', summary: 'XML sitemap and robots.txt', points: 1, labels: ['seo'],
    sprints: [4], status: 'done', owner: 'dev4',
    detail: 'Sitemaps for products, categories and content pages, regenerated after each import.',
  },
  {
    ref: 'uat-environment', epic: 'launch', kind: 'task', summary: 'UAT environment with anonymised production data', points: 3, labels: ['devops'],
    sprints: [4], status: 'review', owner: 'dev4', review: true,
    detail: 'A copy of the catalogue and anonymised customers and orders for Northwind\'s acceptance testing.',
  },
  {
    ref: 'newsletter-optin', epic: 'accounts', kind: 'story', summary: 'Newsletter opt-in at registration and in account settings', points: 2, labels: ['backend', 'needs-client-input'],
    sprints: [4], status: 'progress', owner: 'dev2',
    detail: 'Opt-in is sent to Northwind\'s email marketing tool with the consent text and time.',
    comments: [{ by: 'dev2', to: 'clientMarketing', text: 'Which list in the email tool should new sign-ups go to — "Newsletter" or "Customers 2025"?' }],
  },
  {
    ref: 'uat-plan', epic: 'launch', kind: 'task', summary: 'UAT test plan and walkthrough session with Northwind', points: 2, labels: [],
    sprints: [4], status: 'todo', owner: 'dev4', due: 3,
    detail: 'Test scripts per journey and a two-hour walkthrough with the Northwind e-commerce team.',
  },
  {
    ref: 'sorting', epic: 'catalogue', kind: 'story', summary: 'Sort products by price, newest and popularity', points: 3, labels: ['backend'],
    sprints: [4], status: 'review', owner: 'dev2',
    detail: 'Sort options on category and search pages; popularity from the last 30 days of orders.',
  },
  {
    ref: 'ireland-postcode', epic: 'checkout', kind: 'bug', summary: 'Payment fails when the billing address has no postcode (Ireland)', points: 3, labels: ['payments'],
    sprints: [4], status: 'progress', owner: 'dev2', reporter: 'clientPo', priority: 'highest',
    detail: 'Irish addresses without an Eircode are rejected by the payment step with "Invalid address".',
    criteria: ['Orders with Irish addresses without Eircode can be paid', 'Postcode stays mandatory for the UK'],
    comments: [{ by: 'clientPo', text: 'This blocks a third of our Irish customers in UAT — high priority for us.' }],
  },
  {
    ref: 'cookie-consent', epic: 'cms', kind: 'story', summary: 'Cookie consent banner', points: 3, labels: ['frontend', 'needs-client-input'],
    sprints: [4], lateAdd: true, status: 'todo', owner: 'dev1', reporter: 'clientMarketing',
    detail: 'A consent banner that blocks analytics and marketing tags until the shopper agrees — required before launch.',
    comments: [{ by: 'pm', to: 'clientMarketing', text: 'Added to this sprint. Please send the approved consent wording from your legal team.' }],
  },
  {
    ref: 'new-in', epic: 'catalogue', kind: 'task', summary: 'Add a "New in" collection driven by the product import date', points: 2, labels: ['backend'],
    sprints: [4], lateAdd: true, status: 'done', owner: 'dev2', reporter: 'clientMarketing',
    detail: 'Products first imported in the last 21 days appear in "New in".',
  },
  {
    ref: 'session-expiry', epic: 'accounts', kind: 'bug', summary: 'Sign-in session expires after 5 minutes on mobile', points: 2, labels: ['backend'],
    sprints: [4], status: 'review', owner: 'dev2', reporter: 'dev4',
    detail: 'On mobile Safari the session cookie is dropped after about 5 minutes; customers are signed out during checkout.',
  },
  {
    ref: 'logged-out-iphone', epic: 'accounts', kind: 'bug', summary: 'Logged out unexpectedly on iPhone', labels: [],
    sprints: [4], status: 'done', owner: 'dev4', reporter: 'clientMarketing', review: false,
    detail: 'I keep getting logged out on my iPhone while browsing the shop.',
    comments: [{ by: 'dev4', to: 'clientMarketing', text: 'Thanks — this is the same problem as the session expiry bug we are already fixing, closing this one as a duplicate.' }],
  },
  {
    ref: 'plural-search', epic: 'catalogue', kind: 'bug', summary: 'Search returns no results for plural forms ("jackets")', points: 2, labels: ['backend'],
    sprints: [4], status: 'todo', owner: 'dev2', reporter: 'clientMarketing',
    detail: 'Searching "jackets" finds nothing while "jacket" finds 86 products.',
  },
  // Sprint 5 — planned
  {
    ref: 'core-web-vitals', epic: 'performance', kind: 'story', summary: 'Core Web Vitals: LCP under 2.5 s on category pages', points: 5, labels: ['performance'],
    sprints: [5], status: 'todo', owner: 'dev1',
    detail: 'Field data shows 3.4 s LCP on category pages on mobile; get it under 2.5 s.',
  },
  {
    ref: 'redirects', epic: 'performance', kind: 'story', summary: '301 redirects from old shop URLs', points: 3, labels: ['seo', 'migration'],
    sprints: [5], status: 'todo', owner: 'dev4', due: 12,
    detail: 'Map the 9,800 indexed URLs of the old shop to the new scheme and serve permanent redirects.',
  },
  {
    ref: 'account-migration', epic: 'launch', kind: 'task', summary: 'Migrate customer accounts from the old shop', points: 5, labels: ['migration', 'backend'],
    sprints: [5], status: 'todo', owner: 'dev2',
    detail: 'Move 58,000 customer accounts; passwords cannot be migrated, so customers get a set-your-password email.',
  },
  {
    ref: 'runbook', epic: 'launch', kind: 'task', summary: 'Go-live runbook and rollback plan', points: 2, labels: ['devops'],
    sprints: [5], status: 'todo', owner: 'dev4',
    detail: 'Step-by-step cut-over plan with owners, timings, checks and the way back.',
  },
  {
    ref: 'gift-cards', epic: 'checkout', kind: 'story', summary: 'Gift cards: purchase and redeem', points: 8, labels: ['payments', 'needs-client-input'],
    sprints: [5], status: 'todo', owner: 'dev2',
    detail: 'Digital gift cards in fixed amounts, redeemable online and partially usable.',
  },
  {
    ref: 'lookbook', epic: 'cms', kind: 'story', summary: 'Lookbook page for the spring campaign', points: 5, labels: ['cms', 'frontend', 'needs-client-input'],
    sprints: [5], status: 'todo', owner: 'dev3', reporter: 'clientMarketing',
    detail: 'A full-width editorial page with shoppable looks, edited in the CMS.',
  },
  {
    ref: 'load-test', epic: 'performance', kind: 'task', summary: 'Load test: 500 concurrent shoppers in checkout', points: 3, labels: ['performance'],
    sprints: [5], status: 'todo', owner: 'dev4',
    detail: 'Simulate the Black Friday peak of last year plus 50%.',
  },
  // Backlog
  {
    ref: 'reviews', epic: 'catalogue', kind: 'story', summary: 'Product reviews and ratings', points: 8, labels: ['frontend', 'backend'],
    sprints: [], status: 'todo', reporter: 'clientPo', priority: 'low',
    detail: 'Show reviews from Northwind\'s review provider on product pages.',
  },
  {
    ref: 'loyalty-rules', epic: 'accounts', kind: 'task', summary: 'Confirm loyalty programme rules with Northwind finance', labels: ['needs-client-input'],
    sprints: [], status: 'todo', owner: 'pm', due: -4, priority: 'high',
    detail: 'We need the earning and redemption rules before loyalty points can be estimated.',
    comments: [
      { by: 'pm', to: 'clientPo', text: 'Gentle reminder: we need the loyalty rules to plan the work for sprint 5.' },
      { by: 'clientPo', text: 'Finance meets on this next week, sorry for the delay.' },
    ],
  },
  {
    ref: 'size-advice', epic: 'catalogue', kind: 'story', summary: 'Size recommendation based on previous purchases', points: 8, labels: ['backend'],
    sprints: [], status: 'todo', reporter: 'clientPo', priority: 'low',
    detail: 'Suggest a size from what the customer kept (not returned) before.',
  },
  {
    ref: 'cms-training', epic: 'launch', kind: 'task', summary: 'Train the Northwind team on the CMS', points: 2, labels: [],
    sprints: [], status: 'todo', owner: 'dev3', due: 20,
    detail: 'Two sessions of two hours for the marketing and e-commerce teams, with a written guide.',
  },
  {
    ref: 'click-collect', epic: 'checkout', kind: 'story', summary: 'Click & collect from store', points: 8, labels: ['needs-client-input'],
    sprints: [], status: 'todo', reporter: 'clientPo',
    detail: 'Order online and pick up in one of the 14 stores; needs stock per store from the store system.',
  },
  {
    ref: 'hreflang', epic: 'performance', kind: 'task', summary: 'Hreflang tags for the UK and Ireland sites', points: 2, labels: ['seo'],
    sprints: [], status: 'todo',
    detail: 'en-GB and en-IE alternates on every page.',
  },
];

/** Links between entries: `subject` <outward description of the type> `object`, e.g. payments blocks discount-codes. */
export const SHOP_LINKS: Array<{ type: 'blocks' | 'relates' | 'duplicate' | 'cloners'; subject: string; object: string }> = [
  { type: 'blocks', subject: 'catalogue-import', object: 'faceted-search' },
  { type: 'blocks', subject: 'payments', object: 'discount-codes' },
  { type: 'blocks', subject: 'payments', object: 'klarna' },
  { type: 'blocks', subject: 'registration', object: 'order-history' },
  { type: 'blocks', subject: 'registration', object: 'account-migration' },
  { type: 'blocks', subject: 'loyalty-rules', object: 'gift-cards' },
  { type: 'relates', subject: 'ireland-postcode', object: 'vat-twice' },
  { type: 'relates', subject: 'plural-search', object: 'faceted-search' },
  { type: 'relates', subject: 'redirects', object: 'url-strategy' },
  { type: 'duplicate', subject: 'logged-out-iphone', object: 'session-expiry' },
  { type: 'cloners', subject: 'lookbook', object: 'homepage-cms' },
];

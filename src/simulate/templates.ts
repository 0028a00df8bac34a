/**
 * The phrase bank of the feedback simulator: sentence templates per theme, polarity and author, written for this
 * project. Syntax: `{a|b|c}` picks one alternative (alternatives may nest and may be empty), `$name` is a slot
 * filled from the record (`$product`, `$region`) or drawn (`$n`, `$nn`, `$pct`, `$amount`, `$order`, `$day`).
 */
import type { Random } from './random';

/** The themes the simulator writes about. */
export type SimulatedTheme = 'availability' | 'delivery' | 'price' | 'quality' | 'service' | 'praise';

/** The planted polarity of a simulated text. */
export type Polarity = 'positive' | 'neutral' | 'negative';

/** Every theme the simulator writes, in a fixed order. */
export const SIMULATED_THEMES: readonly SimulatedTheme[] = ['availability', 'delivery', 'price', 'quality', 'service', 'praise'];

type Bank = Readonly<Record<SimulatedTheme, Readonly<Partial<Record<Polarity, readonly string[]>>>>>;

/** What customers write (surveys, reviews, social posts, support tickets). */
export const CUSTOMER_TEMPLATES: Bank = {
  availability: {
    negative: [
      '{The $product|$product} {is|was} {out of stock|sold out|unavailable|not available} {again|for weeks now|at my local {store|shop}|in $region|everywhere}{, so annoying|, really frustrating|, what a joke|}.',
      "{Couldn't|Could not|Can't} find {the $product|a single $product|any $product} {anywhere|in any store|online or in store} {this week|lately|for $n weeks}.",
      '{Empty shelves|Nothing on the shelf|The shelf was empty} where the $product {should be|used to be}{ again|}.',
      '{They keep|The store keeps|Customer service keeps} telling me the $product is {back-ordered|on backorder|coming next week}.',
      "{Wanted|Tried|Went} to buy the $product but it {was|is} {out of stock|sold out|gone}{, ended up buying a competitor's| so I went elsewhere|}.",
      '{No|Zero} $product {in stock|available|left} {at the $region {store|shop}|anywhere near me|online}{. Not impressed|. When will it be back?|}.',
      'Any idea when the $product {will be|is} back in stock?',
      '{Been|I have been} waiting {weeks|ages|a month} for the $product to {come back|be restocked}.',
      '{Third|Second|Another} {trip|visit} to the {store|shop} and still no $product.',
    ],
    positive: ['Finally {got|found} the $product {back in stock|on the shelf}{, thanks|}.'],
  },
  delivery: {
    negative: [
      '{My|The} order {arrived|came|showed up} $n days late{ again|}.',
      "{Package|Parcel|Order} {never arrived|still hasn't arrived|got lost}{ and nobody can tell me where it is| after $n days|}.",
      "Tracking {hasn't updated|has not moved|is stuck} {for $n days|since $day|all week}.",
      'The {courier|driver|delivery guy} {left|dumped|threw} the {box|parcel|package} {in the rain|at the wrong door|on the street}.',
      '{Delivery|Shipping} was {late|slow|a mess} and the {box|packaging} was {damaged|crushed|torn open}.',
      '{Missed|Wrong} delivery {window|slot} {twice|again|this week}, {nobody|no one} {called|showed up}.',
      '{Not|Never} {ordering|buying} online again{, delivery is|, shipping is} {terrible|a joke|way too slow}.',
      "Order #$order {is|was} {delayed|late} {again|for the second time} and {support|the carrier} {can't|won't} say why.",
      '{Paid|Paying} for express {shipping|delivery} and it {still took|took} $n days.',
      'The {delivery|parcel} {was|got} {sent|returned} to the depot {for no reason|twice}.',
    ],
    positive: [
      '{Delivery|Shipping} was {quick|fast|super fast|on time}{, arrived a day early| and well packed|}.',
      '{Arrived|Came} {the next day|in $n days|earlier than expected}{, great service|}.',
      'No {issues|problems} with {delivery|shipping} at all.',
    ],
  },
  price: {
    negative: [
      '{The $product|$product} {got|has become|is now} {way|far|much} too expensive.',
      '{Price|The price} went up {again|by $pct|overnight}{, not worth it anymore|, really disappointing|}.',
      '$pct more than last month for the same $product?{ Seriously?|}',
      '{Not|Never} paying {that much|$amount} for {a|the} $product{ again|}.',
      '{It used to be|It was} good value, {now|but now} it {is|feels} overpriced.',
      '{Cheaper|Much cheaper} {elsewhere|at other shops|from competitors}{, switching|}.',
      "{Can't|Cannot} justify $amount for the $product {any more|anymore}.",
      '{Same|Identical} $product, {higher|bigger} price, {no thanks|not impressed}.',
    ],
    neutral: [
      'Price is {ok|fine|acceptable} but {not cheap|could be lower}.',
      '{Decent|Fair} value for {the money|what you get}.',
    ],
    positive: ['{Great|Good|Excellent} value for {money|the price}.'],
  },
  quality: {
    positive: [
      'The $product is {really|very|super} {well made|solid|sturdy|reliable}.',
      '{Great|Excellent|Amazing|Superb} {build quality|quality|craftsmanship}{, feels premium|}.',
      '{Works|Still working} {perfectly|great|flawlessly} after $n {weeks|months}.',
      '{Never|Not once} had a problem with {it|my $product}.',
    ],
    negative: [
      '{Stopped working|Broke|Died} after {$n weeks|$n days|a week|one use}.',
      '{Feels|Looks|It is|It feels} {cheap|flimsy|poorly made}{ for the price|}.',
      '{Broke|Cracked} on {day one|the first day|first use}.',
      "{It's not|It isn't|Not} as {durable|sturdy|good} as {advertised|I hoped|the old one}.",
      'The $product {keeps|kept} {overheating|making a weird noise|falling apart}.',
      '{Had to|Needed to} return {it|the $product} {twice|after a week} because it {was faulty|did not work}.',
    ],
    neutral: ['The $product {does the job|is ok|works as expected}{, nothing special|}.'],
  },
  service: {
    positive: [
      '{Support|Customer service|The support team} was {friendly|helpful|quick} and {fixed|sorted|solved} {it|my issue|the problem} {fast|in minutes|right away}.',
      'The staff at the $region {store|shop} were {super|really|very} {helpful|kind|friendly}.',
      '{Great|Excellent|Brilliant} service{, thank you|, will be back|}.',
    ],
    negative: [
      '{Waited|Was on hold for} $nn minutes and {nobody|no one} {answered|picked up|helped}.',
      '{Nobody|No one} {answered|replied to} my {emails|messages|ticket} {for days|for a week|yet}.',
      'The {agent|staff member|person on the phone} was {rude|unhelpful|dismissive}.',
      '{Asked|Requested} a refund $n times{, still nothing|, still waiting|}.',
      "{Support|Customer service} {didn't|did not|couldn't|could not} {help|solve anything|fix the issue}.",
      '{Got|Received} {a copy-paste answer|the same canned reply} {three times|again}.',
    ],
  },
  praise: {
    positive: [
      '{Love|Really love|Absolutely love} {my|the|this} $product{!|!!|.}',
      "{Best|Greatest} purchase {this year|in ages|I've made}.",
      '{Would|Will} {recommend|definitely recommend} {it |}to {anyone|friends|everyone}.',
      'No complaints {at all|whatsoever}{, very happy|}.',
      '{Very|Really|So} {happy|pleased|satisfied} with the $product.',
      '{Exactly|Just} what I {needed|was looking for}{, thank you|}.',
      '{Keep up the good work|Great job|Well done}{, team|}!',
    ],
  },
};

/** What the organisation's sales people write in their notes. */
export const SALES_TEMPLATES: Bank = {
  availability: {
    negative: [
      '{Customers|Several accounts|Retailers} in $region {asking|chasing us about} when $product {is back|will be back} in stock.',
      '{Lost|Losing} orders in $region because $product is {out of stock|unavailable}.',
    ],
    neutral: ['{Customers|Accounts} in $region asked about lead times for $product.'],
  },
  price: {
    negative: [
      '{Pushback|Complaints} on the new $product price {from key accounts|from retailers|in $region}.',
      '{Customers|Buyers} in $region {say|tell us} $product is {too expensive|overpriced} {compared to|next to} {competitors|the competition}.',
    ],
    neutral: ['{Key accounts|Buyers} in $region {asked|enquired} about {volume discounts|price tiers} for $product.'],
  },
  delivery: {
    negative: ['{Online customers|Accounts} in $region {complaining|unhappy} about {late|missed} deliveries.'],
  },
  quality: {
    negative: ['{Two|Several|A few} accounts in $region {reported|mentioned} {defects|returns} on $product.'],
  },
  service: {
    negative: ['{Account|Customer} in $region {escalated|complained about} slow support responses.'],
  },
  praise: {
    positive: [
      '{Strong|Good|Great} feedback on $product {from key accounts in $region|at the $region trade show}.',
      '{Retailers|Buyers} in $region {happy|pleased} with $product sell-through.',
    ],
  },
};

/** What the organisation's operations people write in their notes. */
export const OPERATIONS_TEMPLATES: Bank = {
  availability: {
    negative: [
      '{Inventory|Stock} of $product at the $region {DC|warehouse} {below safety stock|critically low|running out}, {backorders|open orders} {rising|growing}.',
      '{Supplier|Inbound} {delay|shortage} on $product, $region {allocation|replenishment} {cut|delayed}.',
    ],
    neutral: ['{Weekly|Routine} {stock|inventory} check in $region {completed|done}, no {issues|exceptions}.'],
  },
  delivery: {
    negative: [
      '{Carrier|Courier|Parcel carrier} {missing|missed} {pickup windows|pickups} in $region{ again|}, $n {late|delayed} {shipments|parcels} {this week|today}.',
      '{Carrier|Courier} {handover|hand-off} {issues|delays} in $region, escalated {to the account manager|to logistics}.',
    ],
    neutral: ['{Carrier|Courier} performance in $region {on target|within SLA} this week.'],
  },
  quality: {
    negative: ['{Returns|Defect reports} for $product {up|increasing} {this week|in $region}.'],
    neutral: ['{QA|Quality} audit of $product batch {passed|completed}.'],
  },
  price: { neutral: ['Price list update for $product {loaded|live} in the {ERP|system}.'] },
  service: { negative: ['{Support|Service desk} backlog in $region {growing|above target}.'] },
  praise: { positive: ['$region {team|warehouse} {hit|beat} its on-time target this week.'] },
};

/** Neutral sentences that pad a customer text without changing its theme. */
export const FILLER_TEMPLATES: readonly string[] = [
  'I have been a customer for $n years.',
  'Bought it for my {mother|office|kitchen|son|partner}.',
  'Ordered it on $day.',
  '{We|I} use it {every day|daily|most weekends}.',
  'This is my {second|third} $product.',
  'Bought it {online|in store} {last month|a few weeks ago|in $region}.',
  'Just my {two cents|honest opinion}.',
];

const OPENERS: Readonly<Record<string, readonly string[]>> = {
  social: ['@ShopCo', '@ShopCo_help', 'Hey @ShopCo,', ''],
  support: ['Hi,', 'Hello,', 'Hi team,', 'Hello support,', ''],
  review: ['', '', 'Update:', 'Honest review:'],
  survey: ['', '', '', 'Honestly,'],
};
const HASHTAGS: Readonly<Record<Polarity, readonly string[]>> = {
  negative: ['#fail', '#disappointed', '#customerservice', '#neveragain'],
  neutral: ['#shopping', '#review'],
  positive: ['#happy', '#lovethis', '#recommended'],
};
const EMOJI: Readonly<Record<Polarity, readonly string[]>> = {
  negative: ['😡', '😤', '👎', '🙄', '😞', '💔', ':(', ':-('],
  neutral: ['🤷', '😐', '🤔'],
  positive: ['😍', '👍', '👍🏽', '🙂', '❤️', '🎉', '⭐⭐⭐⭐⭐', ':)', '<3'],
};
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

// --- the template language ---------------------------------------------------------------------------------------

type Part = string | { readonly slot: string } | { readonly choices: readonly (readonly Part[])[] };

function parseSequence(template: string, position: { at: number }, nested: boolean): Part[][] {
  const choices: Part[][] = [[]];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') (choices[choices.length - 1] as Part[]).push(literal);
    literal = '';
  };
  while (position.at < template.length) {
    const char = template[position.at] as string;
    if (char === '{') {
      flush();
      position.at += 1;
      (choices[choices.length - 1] as Part[]).push({ choices: parseSequence(template, position, true) });
      continue;
    }
    if (nested && char === '}') {
      position.at += 1;
      flush();
      return choices;
    }
    if (nested && char === '|') {
      flush();
      choices.push([]);
      position.at += 1;
      continue;
    }
    if (char === '$') {
      const match = /^\$[a-z]+/.exec(template.slice(position.at));
      if (match !== null) {
        flush();
        (choices[choices.length - 1] as Part[]).push({ slot: match[0].slice(1) });
        position.at += match[0].length;
        continue;
      }
    }
    literal += char;
    position.at += 1;
  }
  flush();
  return choices;
}

/** A template parsed once into parts. */
export type Compiled = readonly Part[];

/** Parses a template (`{a|b}` choices, `$slot`s). O(n) in its length. */
export function compileTemplate(template: string): Compiled {
  return parseSequence(template, { at: 0 }, false)[0] ?? [];
}

/** The values of the record slots; the drawn slots come from the generator. */
export interface SlotValues {
  readonly product: string;
  readonly region: string;
  /** The product's price, for `$amount`. */
  readonly price: number;
}

function fillSlot(slot: string, values: SlotValues, random: Random): string {
  switch (slot) {
    case 'product':
      return values.product;
    case 'region':
      return values.region;
    case 'n':
      return String(random.int(2, 9));
    case 'nn':
      return String(5 * random.int(2, 12));
    case 'pct':
      return `${5 * random.int(2, 6)}%`;
    case 'amount':
      return `$${values.price.toFixed(values.price >= 100 ? 0 : 2)}`;
    case 'order':
      return String(random.int(10000, 99999));
    case 'day':
      return random.pick(DAYS);
    default:
      return `$${slot}`;
  }
}

/** Expands a compiled template with the generator's choices. */
export function expand(parts: Compiled, values: SlotValues, random: Random): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('slot' in part) out += fillSlot(part.slot, values, random);
    else out += expand(random.pick(part.choices), values, random);
  }
  return out;
}

// --- compiled banks, built on first use (a pure cache) --------------------------------------------------------------

type CompiledBank = Record<SimulatedTheme, Partial<Record<Polarity, readonly Compiled[]>>>;

function compileBank(bank: Bank): CompiledBank {
  const compiled = {} as CompiledBank;
  for (const theme of SIMULATED_THEMES) {
    const byPolarity: Partial<Record<Polarity, readonly Compiled[]>> = {};
    for (const polarity of ['positive', 'neutral', 'negative'] as const) {
      const templates = bank[theme][polarity];
      if (templates !== undefined) byPolarity[polarity] = templates.map(compileTemplate);
    }
    compiled[theme] = byPolarity;
  }
  return compiled;
}

interface Compiledbanks {
  readonly customer: CompiledBank;
  readonly sales: CompiledBank;
  readonly operations: CompiledBank;
  readonly filler: readonly Compiled[];
}

let banks: Compiledbanks | undefined;

/** The compiled phrase banks. */
export function compiledBanks(): Compiledbanks {
  banks ??= {
    customer: compileBank(CUSTOMER_TEMPLATES),
    sales: compileBank(SALES_TEMPLATES),
    operations: compileBank(OPERATIONS_TEMPLATES),
    filler: FILLER_TEMPLATES.map(compileTemplate),
  };
  return banks;
}

/** Polarities a theme has sentences for, for an author. */
export function polaritiesOf(bank: CompiledBank, theme: SimulatedTheme): Polarity[] {
  return (['positive', 'neutral', 'negative'] as const).filter((polarity) => (bank[theme][polarity]?.length ?? 0) > 0);
}

export { OPENERS, HASHTAGS, EMOJI };

import type { HeadlineStyle } from '../../src/headline/index.js';
import type { Agency } from './fixtures.js';

/**
 * Agency headlines as they arrive in feeds and page titles, with a snippet of the body (the
 * evidence for proper nouns) and the headline an editor would publish under the house style in
 * fixtures.ts. Every `expected` was written by hand; none was produced by the engine.
 */
export interface Row {
  agency: Agency;
  headline: string;
  body: string;
  expected: string;
  /** Extra rules for this row, laid over site + source (title case, quote variants ...). */
  style?: HeadlineStyle;
  /** Longer than maxLength (110). */
  tooLong?: boolean;
}

export const TABLE: Row[] = [
  // ───────────────────────────── Reuters ─────────────────────────────
  {
    agency: 'reuters',
    headline: 'UPDATE 2-Oil prices rise as U.S. crude stocks fall - Reuters',
    body: 'NEW YORK, Jan 15 (Reuters) - Oil prices rose on Wednesday after government data showed U.S. crude inventories fell for an eighth straight week.',
    expected: 'Oil prices rise as US crude stocks fall',
  },
  {
    agency: 'reuters',
    headline: "EXCLUSIVE-Iran's IRGC moved missiles to Iraq, sources say - Reuters",
    body: "DUBAI, Aug 31 (Reuters) - Iran has moved ballistic missiles to Shi'ite proxies in Iraq, Iranian, Iraqi and Western sources told Reuters.",
    expected: "Iran's IRGC moved missiles to Iraq, sources say",
  },
  {
    agency: 'reuters',
    headline: 'U.N. Security Council to vote on Gaza ceasefire resolution | Reuters',
    body: 'UNITED NATIONS, March 21 (Reuters) - The U.N. Security Council will vote on Friday on a U.S.-drafted resolution demanding an immediate ceasefire in Gaza, diplomats said.',
    expected: 'UN Security Council to vote on Gaza ceasefire resolution',
  },
  {
    agency: 'reuters',
    headline: "Biden says 'hopeful' of Gaza deal by Monday - Reuters",
    body: 'WASHINGTON, Feb 26 (Reuters) - U.S. President Joe Biden said on Monday he hoped a ceasefire in Gaza would begin by next Monday. Biden spoke in New York.',
    expected: "Biden says 'hopeful' of Gaza deal by Monday",
  },
  {
    agency: 'reuters',
    headline: 'WRAPUP 1-Israeli strikes kill dozens in Gaza as truce talks stall - Reuters',
    body: 'CAIRO, May 7 (Reuters) - Israeli strikes killed at least 30 people across Gaza on Tuesday, Palestinian health officials said, as talks on a truce stalled.',
    expected: 'Israeli strikes kill dozens in Gaza as truce talks stall',
  },
  {
    agency: 'reuters',
    headline: 'Exclusive: Rosneft in talks to sell stake in Indian refiner Nayara, sources say',
    body: 'MOSCOW/NEW DELHI, Oct 2 (Reuters) - Russian oil major Rosneft is in talks to sell its stake in Indian refiner Nayara Energy, four sources said. Nayara operates the Vadinar refinery.',
    expected: 'Rosneft in talks to sell stake in Indian refiner Nayara, sources say',
  },
  {
    agency: 'reuters',
    headline: "Fed's Powell says U.S. economy in 'good place' | Reuters",
    body: 'WASHINGTON, Jan 6 (Reuters) - Federal Reserve Chair Jerome Powell said on Monday the U.S. economy is in a good place. Powell spoke at a conference in Washington.',
    expected: "Fed's Powell says US economy in 'good place'",
  },
  {
    agency: 'reuters',
    headline: "RPT-China's exports beat forecasts as Trump tariff deadline looms - Reuters",
    body: "BEIJING, July 14 (Reuters) - China's exports beat forecasts in June as factories rushed orders out ahead of U.S. President Donald Trump's tariff deadline. Trump has threatened higher duties.",
    expected: "China's exports beat forecasts as Trump tariff deadline looms",
  },
  {
    agency: 'reuters',
    headline: 'Ukraine says Russia attacked Kiev with hundreds of drones - Reuters',
    body: "KIEV, June 10 (Reuters) - Russia attacked Kiev with hundreds of drones overnight, Ukraine's air force said. It was one of the largest attacks since Russia launched its invasion.",
    expected: 'Ukraine says Russia attacked Kyiv with hundreds of drones',
  },
  {
    agency: 'reuters',
    headline: 'REFILE-Gold hits record high as investors seek safety | Reuters',
    body: 'LONDON, April 3 (Reuters) - Gold prices hit a record high on Thursday as investors sought safe-haven assets.',
    expected: 'Gold hits record high as investors seek safety',
  },
  {
    agency: 'reuters',
    headline: 'U.S.-led coalition strikes Houthi targets in Yemen - Reuters',
    body: 'DUBAI, Jan 12 (Reuters) - U.S. and British forces struck Houthi targets across Yemen overnight, U.S. officials said.',
    expected: 'US-led coalition strikes Houthi targets in Yemen',
  },
  {
    agency: 'reuters',
    headline: 'Exclusive: U.S. weighs sanctions on Chinese banks over Russia trade, sources say',
    body: 'WASHINGTON, Dec 4 (Reuters) - The U.S. is weighing sanctions on some Chinese banks that help Russia evade Western curbs, three sources said.',
    expected: 'US weighs sanctions on Chinese banks over Russia trade, sources say',
  },
  {
    agency: 'reuters',
    headline: 'Israel &amp; Hamas agree to extend truce by two days - Reuters',
    body: 'JERUSALEM/GAZA, Nov 27 (Reuters) - Israel and Hamas agreed on Monday to extend their truce by two days, mediator Qatar said.',
    expected: 'Israel & Hamas agree to extend truce by two days',
  },
  {
    agency: 'reuters',
    headline: 'Oil falls 2% as OPEC+ weighs output hike - Reuters',
    body: 'LONDON, May 2 (Reuters) - Oil prices fell 2% on Friday as OPEC+ considered a larger output increase.',
    expected: 'Oil falls 2% as OPEC+ weighs output hike',
  },
  {
    agency: 'reuters',
    headline: "Trump says he will meet Putin 'very soon' | Reuters",
    body: 'WASHINGTON, Feb 12 (Reuters) - U.S. President Donald Trump said he would meet Russian President Vladimir Putin very soon, after a call in which Trump and Putin discussed Ukraine.',
    expected: "Trump says he will meet Putin 'very soon'",
  },
  {
    agency: 'reuters',
    headline: 'UPDATE 3-EXCLUSIVE-Saudi Arabia, UAE pressed U.S. to curb Iran - Reuters',
    body: 'DUBAI, Oct 9 (Reuters) - Saudi Arabia and the United Arab Emirates pressed Washington to curb Iran, Gulf sources said. The UAE declined to comment.',
    expected: 'Saudi Arabia, UAE pressed US to curb Iran',
  },
  {
    agency: 'reuters',
    headline: "Protesters' 'day of rage' shuts Nairobi - Reuters",
    body: 'NAIROBI, July 7 (Reuters) - Kenyan protesters staged a "day of rage" that shut down much of Nairobi on Monday.',
    expected: "Protesters' 'day of rage' shuts Nairobi",
  },
  {
    agency: 'reuters',
    headline: 'IAEA CHIEF GROSSI TO VISIT TEHRAN NEXT WEEK',
    body: 'VIENNA, Nov 8 (Reuters) - The head of the U.N. nuclear watchdog, IAEA Director General Rafael Grossi, will visit Tehran next week, the agency said. Grossi last visited in May.',
    expected: 'IAEA chief Grossi to visit Tehran next week',
  },
  {
    agency: 'reuters',
    headline: '<b>Israel</b> strikes Beirut suburb &#8211; witnesses - Reuters',
    body: "BEIRUT, Oct 3 (Reuters) - Israel struck Beirut's southern suburbs on Thursday, witnesses said, as strikes on Beirut intensified.",
    expected: 'Israel strikes Beirut suburb – witnesses',
  },
  {
    agency: 'reuters',
    headline: "iPhone maker Foxconn's profit beats forecasts - Reuters",
    body: 'TAIPEI, Aug 14 (Reuters) - Apple supplier Foxconn reported quarterly profit above forecasts on Wednesday.',
    expected: "iPhone maker Foxconn's profit beats forecasts",
  },
  {
    agency: 'reuters',
    headline:
      'Israel and Hamas agree on first phase of Gaza ceasefire and hostage release deal after months of talks mediated by Qatar, Egypt and the United States - Reuters',
    body: 'CAIRO, Jan 15 (Reuters) - Israel and Hamas agreed on a ceasefire in Gaza after talks mediated by Qatar, Egypt and the United States.',
    expected:
      'Israel and Hamas agree on first phase of Gaza ceasefire and hostage release deal after months of talks mediated by Qatar, Egypt and the United States',
    tooLong: true,
  },
  {
    agency: 'reuters',
    headline: "Biden says 'we will prevail' in Ukraine - Reuters",
    body: 'KYIV, Feb 20 (Reuters) - U.S. President Joe Biden said "we will prevail" during a surprise visit to Ukraine. Biden met President Volodymyr Zelenskiy.',
    expected: 'Biden says "we will prevail" in Ukraine',
    style: { quotes: 'double' },
  },

  // ───────────────────────────── AP ─────────────────────────────
  {
    agency: 'ap',
    headline: 'Live updates: Israel and Hamas begin ceasefire as hostages freed | AP News',
    body: 'JERUSALEM (AP) — Israel and Hamas began a ceasefire on Sunday. Hamas freed three hostages in the first exchange.',
    expected: 'Live updates: Israel and Hamas begin ceasefire as hostages freed',
  },
  {
    agency: 'ap',
    headline: "Supreme Court Weighs Trump's Bid To End Birthright Citizenship | AP News",
    body: "WASHINGTON (AP) — The Supreme Court on Thursday heard arguments over President Donald Trump's bid to end birthright citizenship. Trump signed the order in January.",
    expected: "Supreme Court weighs Trump's bid to end birthright citizenship",
  },
  {
    agency: 'ap',
    headline: 'WATCH: Harris and Trump face off in first presidential debate',
    body: 'PHILADELPHIA (AP) — Vice President Kamala Harris and former President Donald Trump met on Tuesday for their first debate. Harris and Trump did not shake hands at the end.',
    expected: 'Harris and Trump face off in first presidential debate',
  },
  {
    agency: 'ap',
    headline: 'EXPLAINER: What to know about the measles outbreak in West Texas | AP News',
    body: 'LUBBOCK, Texas (AP) — A measles outbreak in West Texas has grown to more than 150 cases, state health officials said.',
    expected: 'Explainer: What to know about the measles outbreak in West Texas',
  },
  {
    agency: 'ap',
    headline: 'Pope Francis Dies At 88 | AP News',
    body: 'VATICAN CITY (AP) — Pope Francis, the first Latin American pope, died on Monday. He was 88.',
    expected: 'Pope Francis dies at 88',
  },
  {
    agency: 'ap',
    headline: "'We will rebuild': Maui residents return to Lahaina | AP News",
    body: 'LAHAINA, Hawaii (AP) — Residents of Lahaina began returning on Monday to what is left of the historic town on Maui.',
    expected: "'We will rebuild': Maui residents return to Lahaina",
  },
  {
    agency: 'ap',
    headline: 'Trump signs order targeting U.S. steel imports',
    body: 'WASHINGTON (AP) — President Donald Trump on Monday signed an executive order raising tariffs on steel.',
    expected: 'Trump signs order targeting US steel imports',
  },
  {
    agency: 'ap',
    headline: 'Measles cases climb past 300 in West Texas outbreak',
    body: 'LUBBOCK, Texas (AP) — Measles cases in West Texas climbed past 300 on Friday, health officials said.',
    expected: 'Measles cases climb past 300 in West Texas outbreak',
  },
  {
    agency: 'ap',
    headline: 'BREAKING: Former President Jimmy Carter dies at 100',
    body: 'PLAINS, Ga. (AP) — Former President Jimmy Carter, the peanut farmer who won the White House, died on Sunday at his home in Plains, Georgia. He was 100.',
    expected: 'Former President Jimmy Carter dies at 100',
  },
  {
    agency: 'ap',
    headline: 'Putin and Xi pledge "no limits" partnership as Ukraine war grinds on | AP News',
    body: 'MOSCOW (AP) — Russian President Vladimir Putin and Chinese leader Xi Jinping pledged a partnership with "no limits" on Thursday as the war in Ukraine ground on. Xi left Moscow on Friday.',
    expected: "Putin and Xi pledge 'no limits' partnership as Ukraine war grinds on",
  },
  {
    agency: 'ap',
    headline: 'Biden Pardons Son Hunter Despite Earlier Pledges | AP News',
    body: 'WASHINGTON (AP) — President Joe Biden pardoned his son Hunter on Sunday night, despite previous pledges not to. Biden said Hunter had been singled out.',
    expected: 'Biden pardons son Hunter despite earlier pledges',
  },
  {
    agency: 'ap',
    headline: 'Man arrested after shooting near Israeli Embassy in Washington',
    body: 'WASHINGTON (AP) — Police arrested a man after two Israeli Embassy staff members were shot in Washington on Wednesday. The embassy said its staff were targeted.',
    expected: 'Man arrested after shooting near Israeli Embassy in Washington',
  },
  {
    agency: 'ap',
    headline: 'A look at the Israel-Hamas ceasefire deal and what comes next | AP News',
    body: 'JERUSALEM (AP) — The Israel-Hamas ceasefire deal has three phases. The first lasts six weeks.',
    expected: 'A look at the Israel-Hamas ceasefire deal and what comes next',
  },
  {
    agency: 'ap',
    headline: "McDonald's Shares Fall After E. Coli Outbreak Tied To Quarter Pounders | AP News",
    body: "NEW YORK (AP) — McDonald's shares fell Wednesday after an E. coli outbreak was linked to Quarter Pounders sold in 10 states.",
    expected: "McDonald's shares fall after E. coli outbreak tied to Quarter Pounders",
  },
  {
    agency: 'ap',
    headline: 'NATO AND EU LEADERS MEET IN BRUSSELS',
    body: 'BRUSSELS (AP) — NATO and EU leaders met in Brussels on Thursday to discuss support for Ukraine.',
    expected: 'NATO and EU leaders meet in Brussels',
  },
  {
    agency: 'ap',
    headline: 'WHO WARNS OF CHOLERA SPREAD IN SUDAN',
    body: 'GENEVA (AP) — The World Health Organization (WHO) warned on Tuesday that cholera is spreading across war-torn Sudan.',
    expected: 'WHO warns of cholera spread in Sudan',
  },
  {
    agency: 'ap',
    headline: 'Power outage hits Washington, D.C.',
    body: 'WASHINGTON (AP) — A power outage hit parts of Washington, D.C., on Monday evening.',
    expected: 'Power outage hits Washington, D.C.',
  },
  {
    agency: 'ap',
    headline: 'Storm   batters\nFlorida  coast | AP News',
    body: 'MIAMI (AP) — A powerful storm battered the Florida coast on Wednesday.',
    expected: 'Storm batters Florida coast',
  },
  {
    agency: 'ap',
    headline: 'Netanyahu: "Hamas said \'no\' to every offer"',
    body: 'JERUSALEM (AP) — Prime Minister Benjamin Netanyahu said Hamas had rejected every offer. Netanyahu spoke on Sunday.',
    expected: 'Netanyahu: \'Hamas said "no" to every offer\'',
  },
  {
    agency: 'ap',
    headline: 'Lebanese Celebrate "عيد الاستقلال" In Beirut',
    body: 'BEIRUT (AP) — Lebanese across the country marked Independence Day on Friday. Crowds gathered in Beirut.',
    expected: "Lebanese celebrate 'عيد الاستقلال' in Beirut",
  },
  {
    // A quoted word is cased by the same evidence as any other: the body writes "enemy" (in quotes, which
    // says nothing about a capital but does say lowercase); one "Enemy" in a film title does not outweigh it.
    agency: 'ap',
    headline: "Israel's Intelligence Agency Did Not Label The U.S. Air Force An 'Enemy' Of The Jewish State | AP News",
    body:
      'JERUSALEM (AP) — Posts shared widely online claimed that Israel\'s intelligence agency had called the U.S. Air Force an "enemy" of the Jewish state. ' +
      'The claim first spread with a clip from the film Enemy of the State. Israeli officials said no such document exists.',
    expected: "Israel's intelligence agency did not label the US Air Force an 'enemy' of the Jewish state",
  },
  {
    // An abbreviation labelling a number keeps its capital, though the body writes "no" in lowercase.
    agency: 'ap',
    headline: 'Griffen Leads No. 14 Alabama Past Kentucky | AP News',
    body:
      'LEXINGTON, Ky. (AP) — Mark Griffen scored 24 points and Alabama beat Kentucky 81-70 on Saturday. ' +
      'Kentucky had no answer for Griffen inside, and Alabama never trailed.',
    expected: 'Griffen leads No. 14 Alabama past Kentucky',
  },
  {
    // The same for a volume, and for a title before a name the body gives no evidence for.
    agency: 'ap',
    headline: 'Gov. Hochul Signs Budget As Vol. 2 Of Audit Lands | AP News',
    body: 'ALBANY, N.Y. (AP) — New York Gov. Kathy Hochul signed the state budget on Friday, the day the second volume of an audit was published.',
    expected: 'Gov. Hochul signs budget as Vol. 2 of audit lands',
  },

  // ───────────────────────────── AFP ─────────────────────────────
  {
    agency: 'afp',
    headline: 'Gaza: Israeli strikes kill 25, civil defence agency says - France 24',
    body: 'Gaza City (Palestinian Territories) (AFP) – Israeli strikes killed at least 25 people across the Gaza Strip on Friday, the civil defence agency said.',
    expected: 'Gaza: Israeli strikes kill 25, civil defence agency says',
  },
  {
    agency: 'afp',
    headline: 'Macron says France "will not give in" to threats - France 24',
    body: 'Paris (AFP) – President Emmanuel Macron said on Tuesday that France "will not give in" to threats from abroad.',
    expected: "Macron says France 'will not give in' to threats",
  },
  {
    agency: 'afp',
    headline: 'Sudan paramilitaries shell El-Fasher camp, dozens killed: medics - France 24',
    body: "Port Sudan (AFP) – Sudan's paramilitary Rapid Support Forces shelled a camp for displaced people near El-Fasher on Sunday, killing dozens, medics said.",
    expected: 'Sudan paramilitaries shell El-Fasher camp, dozens killed: medics',
  },
  {
    agency: 'afp',
    headline: 'Gaza\u00a0: Macron appelle à un «\u00a0cessez-le-feu immédiat\u00a0» - France 24',
    body: 'Paris (AFP) – Le président Emmanuel Macron a appelé mardi à un cessez-le-feu immédiat à Gaza.',
    expected: 'Gaza\u00a0: Macron appelle à un «\u00a0cessez-le-feu immédiat\u00a0»',
  },
  {
    agency: 'afp',
    headline: 'Hezbollah chief says group "ready" for war with Israel - France 24',
    body: 'Beirut (AFP) – Hezbollah chief Hassan Nasrallah said on Wednesday his group was "ready" for war with Israel.',
    expected: "Hezbollah chief says group 'ready' for war with Israel",
  },
  {
    agency: 'afp',
    headline: 'Ukraine war: Zelensky says Kyiv needs more air defence systems',
    body: 'Kyiv (AFP) – President Volodymyr Zelensky said on Sunday that Kyiv urgently needs more air defence systems.',
    expected: 'Ukraine war: Zelensky says Kyiv needs more air defence systems',
  },
  {
    agency: 'afp',
    headline: 'US Fed holds rates steady, signals two cuts in 2025',
    body: 'Washington (AFP) – The US Federal Reserve held interest rates steady on Wednesday, as the Fed signalled two cuts later this year.',
    expected: 'US Fed holds rates steady, signals two cuts in 2025',
  },
  {
    agency: 'afp',
    headline: "Peru's ex-president Fujimori dies at 86.",
    body: 'Lima (AFP) – Former Peruvian president Alberto Fujimori died on Wednesday at the age of 86, his daughter said. Fujimori ruled Peru from 1990 to 2000.',
    expected: "Peru's ex-president Fujimori dies at 86",
  },
  {
    agency: 'afp',
    headline: 'Tens Of Thousands Rally In Paris Against Far Right - France 24',
    body: 'Paris (AFP) – Tens of thousands of people rallied in Paris and other French cities on Saturday against the far right.',
    expected: 'Tens of thousands rally in Paris against far right',
  },
  {
    agency: 'afp',
    headline: 'Zelensky: "We Will Not Give Up Our Land"',
    body: 'Kyiv (AFP) – President Volodymyr Zelensky said Ukraine would not give up its land. Zelensky spoke in Kyiv.',
    expected: 'Zelensky: ‘We will not give up our land’',
    style: { quoteStyle: 'curly' },
  },
  {
    agency: 'afp',
    headline: 'Macron says France "will not give in" to threats - France 24',
    body: 'Paris (AFP) – President Emmanuel Macron said on Tuesday that France "will not give in" to threats from abroad.',
    expected: 'Macron says France "will not give in" to threats',
    style: { quotes: 'keep' },
  },

  // ───────────────────────────── Xinhua ─────────────────────────────
  {
    agency: 'xinhua',
    headline: 'Xi Jinping Meets Kazakh President Tokayev In Astana - Xinhua',
    body: 'ASTANA, July 2 (Xinhua) -- Chinese President Xi Jinping met with Kazakh President Kassym-Jomart Tokayev in Astana on Tuesday. Xi said China and Kazakhstan are friends, and Tokayev agreed.',
    expected: 'Xi Jinping meets Kazakh President Tokayev in Astana',
  },
  {
    agency: 'xinhua',
    headline: "Roundup: China's economy grows 5.2 pct in 2023 - Xinhua",
    body: "BEIJING, Jan 17 (Xinhua) -- China's economy grew 5.2 percent year on year in 2023, official data showed Wednesday.",
    expected: "Roundup: China's economy grows 5.2 percent in 2023",
  },
  {
    agency: 'xinhua',
    headline: 'China, Brazil Vow To Deepen Comprehensive Strategic Partnership - Xinhua',
    body: 'BEIJING, May 13 (Xinhua) -- China and Brazil on Monday vowed to deepen their comprehensive strategic partnership, a joint statement said.',
    expected: 'China, Brazil vow to deepen comprehensive strategic partnership',
  },
  {
    agency: 'xinhua',
    headline: '外交部：中方“坚决反对”美方对台军售 - 新华网',
    body: '外交部发言人表示，中方坚决反对美方对台军售。',
    expected: '外交部：中方“坚决反对”美方对台军售',
  },
  {
    agency: 'xinhua',
    headline: 'Interview: Chinese Modernization Offers New Opportunities, Says Brazilian Scholar - Xinhua',
    body: "RIO DE JANEIRO, March 5 (Xinhua) -- China's path to modernization offers new opportunities for Latin America, a Brazilian scholar has said.",
    expected: 'Interview: Chinese modernization offers new opportunities, says Brazilian scholar',
  },
  {
    agency: 'xinhua',
    headline: 'Spotlight: U.S. Tariffs Hit Global Supply Chains - Xinhua',
    body: 'WASHINGTON, April 10 (Xinhua) -- Sweeping U.S. tariffs are disrupting global supply chains, economists said.',
    expected: 'Spotlight: US tariffs hit global supply chains',
  },
  {
    agency: 'xinhua',
    headline: '习近平同越南国家主席苏林会谈',
    body: '新华社北京8月19日电 国家主席习近平19日在人民大会堂同越南国家主席苏林会谈。',
    expected: '习近平同越南国家主席苏林会谈',
  },
  {
    agency: 'xinhua',
    headline: 'XI JINPING CALLS FOR HIGH-QUALITY DEVELOPMENT OF BELT AND ROAD - Xinhua',
    body: 'BEIJING, Dec 2 (Xinhua) -- Chinese President Xi Jinping on Monday called for promoting high-quality development of the Belt and Road cooperation.',
    expected: 'Xi Jinping calls for high-quality development of Belt and Road',
  },
  {
    agency: 'xinhua',
    headline: "China's Tianwen-2 Probe Lifts Off On Asteroid Mission - Xinhua",
    body: 'XICHANG, May 29 (Xinhua) -- China launched the Tianwen-2 probe on Thursday to collect samples from an asteroid.',
    expected: "China's Tianwen-2 probe lifts off on asteroid mission",
  },
  {
    agency: 'xinhua',
    headline: 'Xinhua Headlines: China Unveils Plan To Boost Consumption',
    body: 'BEIJING, March 16 (Xinhua) -- China on Sunday unveiled a special action plan to boost consumption.',
    expected: 'Xinhua Headlines: China unveils plan to boost consumption',
  },
  {
    agency: 'xinhua',
    headline: 'China&#39;s Q1 GDP grows 5.4 pct - Xinhua',
    body: "BEIJING, April 16 (Xinhua) -- China's gross domestic product (GDP) grew 5.4 percent year on year in the first quarter.",
    expected: "China's Q1 GDP grows 5.4 percent",
  },
  {
    agency: 'xinhua',
    headline: '新华社快讯：中国成功发射天问二号探测器。',
    body: '新华社西昌5月29日电 天问二号探测器发射成功。',
    expected: '中国成功发射天问二号探测器。',
  },

  // ───────────────────────────── TASS ─────────────────────────────
  {
    agency: 'tass',
    headline: 'Kremlin Says Putin, Trump May Meet In Saudi Arabia - Russian Politics & Diplomacy - TASS',
    body: 'MOSCOW, February 13. /TASS/. A meeting between Russian President Vladimir Putin and US President Donald Trump may take place in Saudi Arabia, the Kremlin said. Putin and Trump spoke by phone on Wednesday.',
    expected: 'Kremlin says Putin, Trump may meet in Saudi Arabia',
  },
  {
    agency: 'tass',
    headline: 'Путин заявил о готовности России к переговорам с Украиной - ТАСС',
    body: 'МОСКВА, 14 июня. /ТАСС/. Президент России Владимир Путин заявил о готовности к переговорам.',
    expected: 'Путин заявил о готовности России к переговорам с Украиной',
  },
  {
    agency: 'tass',
    headline: 'Лавров: «Запад ведёт гибридную войну против России»',
    body: 'МОСКВА, 3 марта. /ТАСС/. Министр иностранных дел РФ Сергей Лавров заявил, что Запад ведёт гибридную войну.',
    expected: 'Лавров: «Запад ведёт гибридную войну против России»',
  },
  {
    agency: 'tass',
    headline: 'RUSSIA, CHINA TO EXPAND ENERGY COOPERATION - NOVAK',
    body: 'MOSCOW, September 3. /TASS/. Russia and China will expand cooperation in the energy sector, Russian Deputy Prime Minister Alexander Novak told reporters. Novak spoke on the sidelines of the forum.',
    expected: 'Russia, China to expand energy cooperation - Novak',
  },
  {
    agency: 'tass',
    headline: 'Zakharova: Kiev Regime Continues Terrorist Attacks On Civilians',
    body: 'MOSCOW, March 1. /TASS/. The Kiev regime continues its terrorist attacks on civilians, Russian Foreign Ministry Spokeswoman Maria Zakharova said at a briefing.',
    expected: 'Zakharova: Kyiv regime continues terrorist attacks on civilians',
  },
  {
    agency: 'tass',
    headline:
      'Putin Signs Law On Ratification Of Strategic Partnership Treaty With DPRK - Russian Politics & Diplomacy - TASS',
    body: 'MOSCOW, November 9. /TASS/. Russian President Vladimir Putin has signed a law ratifying the comprehensive strategic partnership treaty with the DPRK.',
    expected: 'Putin signs law on ratification of strategic partnership treaty with DPRK',
  },
  {
    agency: 'tass',
    headline: "Russian Forces Liberate Settlement In Donetsk People's Republic - Defense Ministry",
    body: "MOSCOW, June 3. /TASS/. Russian forces have liberated the settlement of Novaya Poltavka in the Donetsk People's Republic, the Russian Defense Ministry said.",
    expected: "Russian forces liberate settlement in Donetsk People's Republic - Defense Ministry",
  },
  {
    agency: 'tass',
    headline: 'ВСУ атаковали Белгородскую область - ТАСС',
    body: 'БЕЛГОРОД, 5 мая. /ТАСС/. ВСУ атаковали населенные пункты Белгородской области.',
    expected: 'ВСУ атаковали Белгородскую область',
  },

  // ───────────────────────────── IRNA ─────────────────────────────
  {
    agency: 'irna',
    headline: "Iran's FM Araghchi: Zionist Regime's Aggression Will Not Go Unanswered - IRNA English",
    body: 'TEHRAN, June 13 (IRNA) – Iranian Foreign Minister Abbas Araghchi said the aggression of the Zionist regime against Iran will not go unanswered. Araghchi spoke to reporters.',
    expected: "Iran's FM Araghchi: Zionist regime's aggression will not go unanswered",
  },
  {
    agency: 'irna',
    headline: "LEADER: ENEMIES' PLOTS AGAINST IRAN WILL FAIL - IRNA English",
    body: 'TEHRAN, Jan 8 (IRNA) – The Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei said the plots of the enemies against Iran will fail.',
    expected: "Leader: Enemies' plots against Iran will fail",
  },
  {
    agency: 'irna',
    headline: 'Tehran Hosts Third Round Of Iran-EU Talks On Nuclear Issue - IRNA English',
    body: 'TEHRAN, May 16 (IRNA) – The third round of talks between Iran and the EU on the nuclear issue was held in Tehran on Friday.',
    expected: 'Tehran hosts third round of Iran-EU talks on nuclear issue',
  },
  {
    agency: 'irna',
    headline: "Pezeshkian: Iran Doesn't Seek War But Will Defend Itself - IRNA English",
    body: 'TEHRAN, Oct 2 (IRNA) – President Masoud Pezeshkian said Iran does not seek war with any country but will defend itself against any aggression.',
    expected: "Pezeshkian: Iran doesn't seek war but will defend itself",
  },
  {
    agency: 'irna',
    headline: '\u200Fعراقچی: پاسخ ایران به هرگونه تجاوز قاطع خواهد بود',
    body: 'تهران- ایرنا- وزیر امور خارجه گفت پاسخ ایران به هرگونه تجاوز قاطع خواهد بود.',
    expected: '\u200Fعراقچی: پاسخ ایران به هرگونه تجاوز قاطع خواهد بود',
  },
  {
    agency: 'irna',
    headline: 'IRGC Navy Seizes Foreign Tanker Smuggling Fuel In Persian Gulf - IRNA English',
    body: 'TEHRAN, Nov 14 (IRNA) – The IRGC Navy has seized a foreign tanker smuggling 2 million liters of fuel in the Persian Gulf.',
    expected: 'IRGC Navy seizes foreign tanker smuggling fuel in Persian Gulf',
  },
  {
    agency: 'irna',
    headline: 'Iran, Saudi Arabia Stress Expansion Of Ties - IRNA English',
    body: "TEHRAN, Feb 5 (IRNA) – Iran and Saudi Arabia stressed the expansion of bilateral ties in a phone call between the two countries' foreign ministers.",
    expected: 'Iran, Saudi Arabia stress expansion of ties',
  },
  {
    agency: 'irna',
    headline: 'Spokesman: Iran Will Not Negotiate Under "Maximum Pressure" - IRNA English',
    body: 'TEHRAN, March 10 (IRNA) – Foreign Ministry spokesman Esmaeil Baqaei said Iran will not negotiate under the US "maximum pressure" policy.',
    expected: "Spokesman: Iran will not negotiate under 'maximum pressure'",
  },
  {
    agency: 'irna',
    headline: 'سخنگوی وزارت خارجه: ایران به‌دنبال جنگ نیست\u200F - IRNA English',
    body: 'سخنگوی وزارت امور خارجه گفت ایران به‌دنبال جنگ نیست.',
    expected: 'سخنگوی وزارت خارجه: ایران به‌دنبال جنگ نیست\u200F',
  },
  {
    agency: 'irna',
    headline: 'Iran\'s FM: "Ready For Fair Talks" - IRNA English',
    body: 'TEHRAN, April 2 (IRNA) – Foreign Minister Abbas Araghchi said Iran is ready for fair talks.',
    expected: 'Iran’s FM: ‘Ready for fair talks’',
    style: { quoteStyle: 'curly' },
  },

  // ───────────────────────────── Al Jazeera ─────────────────────────────
  {
    agency: 'aljazeera',
    headline:
      'Israel’s war on Gaza live: Dozens killed in strikes on Khan Younis | Israel-Palestine conflict News | Al Jazeera',
    body: 'Israeli strikes on Khan Younis in southern Gaza have killed at least 40 people, according to medical sources at Nasser Hospital.',
    expected: "Israel's war on Gaza live: Dozens killed in strikes on Khan Younis",
  },
  {
    agency: 'aljazeera',
    headline: 'Sudan’s RSF declares rival government as war enters third year | Sudan War News | Al Jazeera',
    body: 'The paramilitary Rapid Support Forces (RSF) has announced a rival government in Sudan as the war enters its third year.',
    expected: "Sudan's RSF declares rival government as war enters third year",
  },
  {
    agency: 'aljazeera',
    headline: '‘We have nothing left’: Gaza families face winter in tents | Gaza | Al Jazeera',
    body: 'Displaced families in Gaza are bracing for winter in flimsy tents.',
    expected: "'We have nothing left': Gaza families face winter in tents",
  },
  {
    agency: 'aljazeera',
    headline: 'عاجل | الاحتلال يقصف مدرسة تؤوي نازحين في غزة',
    body: 'قصفت طائرات الاحتلال مدرسة تؤوي نازحين في مدينة غزة.',
    expected: 'الاحتلال يقصف مدرسة تؤوي نازحين في غزة',
  },
  {
    agency: 'aljazeera',
    headline: 'UN chief Guterres calls for “immediate” ceasefire in Lebanon | Israel attacks Lebanon News | Al Jazeera',
    body: 'United Nations Secretary-General Antonio Guterres has called for an "immediate" ceasefire in Lebanon. Guterres spoke in New York.',
    expected: "UN chief Guterres calls for 'immediate' ceasefire in Lebanon",
  },
  {
    agency: 'aljazeera',
    headline: '‘Catastrophic’: UN warns of famine in northern Gaza | Gaza | Al Jazeera',
    body: 'The United Nations has warned of an imminent famine in northern Gaza.',
    expected: '‘Catastrophic’: UN warns of famine in northern Gaza',
    style: { quoteStyle: 'curly' },
  },
  {
    agency: 'aljazeera',
    headline: 'BREAKING: ISRAELI STRIKE HITS GAZA HOSPITAL, DOZENS KILLED',
    body: 'Dozens of people have been killed in an Israeli strike on al-Ahli Arab Hospital in Gaza City, officials in Gaza say. The hospital was sheltering displaced families.',
    expected: 'Israeli strike hits Gaza hospital, dozens killed',
  },
  {
    agency: 'aljazeera',
    headline: 'Gaza&amp;#8217;s health ministry says toll tops 40,000 | Gaza | Al Jazeera',
    body: 'The health ministry in Gaza says more than 40,000 Palestinians have been killed.',
    expected: "Gaza's health ministry says toll tops 40,000",
  },
  {
    agency: 'aljazeera',
    headline: '\u200Fغزة: استشهاد 20 فلسطينيا في غارات إسرائيلية',
    body: 'استشهد 20 فلسطينيا في غارات إسرائيلية على قطاع غزة.',
    expected: '\u200Fغزة: استشهاد 20 فلسطينيا في غارات إسرائيلية',
  },
  {
    agency: 'aljazeera',
    headline: 'هل تنجح مفاوضات الدوحة؟ مصادر: الاتفاق «قريب جدا»',
    body: 'قالت مصادر إن الاتفاق قريب جدا.',
    expected: 'هل تنجح مفاوضات الدوحة؟ مصادر: الاتفاق «قريب جدا»',
  },
  {
    agency: 'aljazeera',
    headline: 'الأمم المتحدة\u061C: الوضع في غزة "كارثي"',
    body: 'قالت الأمم المتحدة إن الوضع في غزة كارثي.',
    expected: 'الأمم المتحدة\u061C: الوضع في غزة "كارثي"',
  },
  {
    agency: 'aljazeera',
    headline: 'Gaza ceasefire: So close, yet so far...',
    body: 'Negotiators in Doha say a ceasefire in Gaza is close.',
    expected: 'Gaza ceasefire: So close, yet so far...',
  },

  // ───────────────────────────── Press TV ─────────────────────────────
  {
    agency: 'presstv',
    headline: 'PressTV-Hezbollah Targets Israeli Military Positions In Occupied Shebaa Farms',
    body: "Lebanon's Hezbollah resistance movement says it has targeted Israeli military positions in the occupied Shebaa Farms.",
    expected: 'Hezbollah targets Israeli military positions in occupied Shebaa Farms',
  },
  {
    agency: 'presstv',
    headline: 'PressTV-Ansarullah: Yemen Will Continue Operations Until Gaza Siege Lifted',
    body: "Yemen's Ansarullah movement says the country's armed forces will continue their operations against Israel until the siege on Gaza is lifted.",
    expected: 'Ansarullah: Yemen will continue operations until Gaza siege lifted',
  },
  {
    agency: 'presstv',
    headline: 'PressTV-"US Complicit In Gaza Genocide," Says Iran\'s UN Envoy',
    body: "Amir Saeid Iravani, Iran's ambassador to the United Nations, says the United States is complicit in the genocide in Gaza.",
    expected: "'US complicit in Gaza genocide,' says Iran's UN envoy",
  },
  {
    agency: 'presstv',
    headline: "PressTV-Iran's Army Chief: Enemies Will Regret Any Aggression",
    body: "The commander of Iran's army, Major General Abdolrahim Mousavi, says enemies will regret any aggression against the Islamic Republic.",
    expected: "Iran's army chief: Enemies will regret any aggression",
  },
  {
    agency: 'presstv',
    headline: 'PressTV-Israeli Settlers Storm Al-Aqsa Mosque Compound',
    body: 'Hundreds of Israeli settlers have stormed the al-Aqsa Mosque compound in the occupied East Jerusalem al-Quds.',
    expected: 'Israeli settlers storm al-Aqsa Mosque compound',
  },
  {
    agency: 'presstv',
    headline: 'PressTV-UN Rapporteur Albanese: Israel Committing Genocide In Gaza',
    body: 'UN Special Rapporteur Francesca Albanese says Israel is committing genocide in the Gaza Strip. Albanese made the remarks in Geneva, adding that Gaza had been destroyed.',
    // A formal title directly before a name keeps its capital (AP), as the body writes it.
    expected: 'UN Rapporteur Albanese: Israel committing genocide in Gaza',
  },
  {
    agency: 'presstv',
    headline: "PressTV-Yemen's Armed Forces Target Israeli Ship In Red Sea",
    body: "Yemen's Armed Forces say they have targeted an Israeli-linked ship in the Red Sea in support of Gaza.",
    expected: "Yemen's Armed Forces target Israeli ship in Red Sea",
  },
  {
    agency: 'presstv',
    headline: 'PressTV-Gen. Qaani Vows Revenge For Killing Of Hezbollah Chief',
    body: 'The commander of the IRGC Quds Force, Brigadier General Esmail Qaani, has vowed revenge. Qaani said the resistance would continue.',
    expected: 'Gen. Qaani vows revenge for killing of Hezbollah chief',
  },
  {
    agency: 'presstv',
    headline: 'PressTV-Hezbollah Targets Israeli Positions In Shebaa Farms',
    body: "Lebanon's Hezbollah resistance movement says it has targeted Israeli positions in the occupied Shebaa Farms.",
    expected: 'Hezbollah Targets Israeli Positions In Shebaa Farms',
    style: { case: 'keep' },
  },

  // ───────────────────────────── Anadolu ─────────────────────────────
  {
    agency: 'anadolu',
    headline: 'Türkiye Condemns Israeli Attack On Gaza Hospital - Anadolu Ajansı',
    body: 'ANKARA\nTürkiye on Tuesday strongly condemned the Israeli attack on a hospital in Gaza, calling it a crime against humanity.',
    expected: 'Türkiye condemns Israeli attack on Gaza hospital',
  },
  {
    agency: 'anadolu',
    headline: 'Erdogan Says Türkiye Ready To Host Russia-Ukraine Talks - Anadolu Ajansı',
    body: 'ISTANBUL\nTurkish President Recep Tayyip Erdogan said on Friday that Türkiye is ready to host talks between Russia and Ukraine. Erdogan spoke after Friday prayers.',
    expected: 'Erdogan says Türkiye ready to host Russia-Ukraine talks',
  },
  {
    agency: 'anadolu',
    headline: 'İstanbul Hosts Gaza Contact Group Meeting - Anadolu Ajansı',
    body: 'ISTANBUL\nForeign ministers of the Gaza contact group met in İstanbul on Saturday to discuss the war in Gaza.',
    expected: 'İstanbul hosts Gaza contact group meeting',
  },
  {
    agency: 'anadolu',
    headline: 'Gaza death toll rises to 45,000 as Israeli strikes continue',
    body: 'ISTANBUL\nThe death toll in Gaza has risen to 45,000 as Israeli strikes continue, the Health Ministry said.',
    expected: 'Gaza death toll rises to 45,000 as Israeli strikes continue',
  },
  {
    agency: 'anadolu',
    headline: "Erdogan: 'Türkiye will not bow to pressure.' - Anadolu Ajansı",
    body: 'ANKARA\nPresident Recep Tayyip Erdogan said on Wednesday that Türkiye will not bow to pressure.',
    expected: "Erdogan: 'Türkiye will not bow to pressure'",
  },
  {
    agency: 'anadolu',
    headline: 'U.S., U.K. Strike Houthi Targets In Yemen - Anadolu Ajansı',
    body: 'ISTANBUL\nThe U.S. and U.K. carried out strikes on Houthi targets in Yemen late Thursday, officials said.',
    expected: 'US, UK strike Houthi targets in Yemen',
  },
  {
    agency: 'anadolu',
    headline: 'Death toll in Gaza passes 50,000.',
    body: 'ISTANBUL\nThe death toll in Gaza has passed 50,000, the Health Ministry said.',
    expected: 'Death toll in Gaza passes 50,000',
  },
  {
    agency: 'anadolu',
    headline: 'Death toll in Gaza passes 50,000.',
    body: 'ISTANBUL\nThe death toll in Gaza has passed 50,000, the Health Ministry said.',
    expected: 'Death toll in Gaza passes 50,000.',
    style: { trailingPeriod: 'keep' },
  },
  {
    agency: 'anadolu',
    headline: 'Turkish, Azerbaijani Leaders Discuss Regional Developments - Anadolu Ajansı',
    body: 'ANKARA\nTurkish President Recep Tayyip Erdogan and Azerbaijani President Ilham Aliyev discussed regional developments by phone. The Azerbaijani leader thanked Türkiye.',
    expected: 'Turkish, Azerbaijani leaders discuss regional developments',
  },

  // ─────────────────── title case (a source configured for it) ───────────────────
  {
    agency: 'reuters',
    headline: 'Hamas says resistance to last until cessation of Israeli aggression - Reuters',
    body: 'GAZA, Oct 3 (Reuters) - Hamas said on Tuesday resistance would last until Israeli aggression ceased.',
    expected: 'Hamas Says Resistance to Last Until Cessation of Israeli Aggression',
    style: { case: 'title', titleStyle: 'ap' },
  },
  {
    agency: 'reuters',
    headline: 'Hamas says resistance to last until cessation of Israeli aggression - Reuters',
    body: 'GAZA, Oct 3 (Reuters) - Hamas said on Tuesday resistance would last until Israeli aggression ceased.',
    expected: 'Hamas Says Resistance to Last until Cessation of Israeli Aggression',
    style: { case: 'title', titleStyle: 'chicago' },
  },
  {
    agency: 'ap',
    headline: 'UN SECURITY COUNCIL TO MEET ON GAZA AS NATO ALLIES URGE CALM',
    body: 'UNITED NATIONS (AP) — The U.N. Security Council will meet on Monday. NATO allies urged calm as residents in Gaza braced for more strikes.',
    expected: 'UN Security Council to Meet on Gaza as NATO Allies Urge Calm',
    style: { case: 'title', titleStyle: 'ap' },
  },
  {
    agency: 'ap',
    headline: 'Apple unveils iPhone 16 with AI features',
    body: 'CUPERTINO, Calif. (AP) — Apple on Monday unveiled the iPhone 16, which runs Apple Intelligence AI features.',
    expected: 'Apple Unveils iPhone 16 With AI Features',
    style: { case: 'title', titleStyle: 'ap' },
  },
  {
    agency: 'ap',
    headline: 'Apple unveils iPhone 16 with AI features',
    body: 'CUPERTINO, Calif. (AP) — Apple on Monday unveiled the iPhone 16, which runs Apple Intelligence AI features.',
    expected: 'Apple Unveils iPhone 16 with AI Features',
    style: { case: 'title', titleStyle: 'chicago' },
  },
  {
    agency: 'reuters',
    headline: 'Pro-Russian hackers claim attack on NATO websites - Reuters',
    body: 'BRUSSELS, May 3 (Reuters) - A pro-Russian hacker group claimed responsibility for an attack on NATO websites.',
    expected: 'Pro-Russian Hackers Claim Attack on NATO Websites',
    style: { case: 'title', titleStyle: 'ap' },
  },
  {
    agency: 'ap',
    headline: 'What the Gaza ceasefire deal means and what it is based on | AP News',
    body: 'CAIRO (AP) — The Gaza ceasefire deal is based on a plan put forward last year.',
    expected: 'What the Gaza Ceasefire Deal Means and What It Is Based On',
    style: { case: 'title', titleStyle: 'ap' },
  },
  {
    agency: 'irna',
    headline: 'Iran\'s FM says talks with US "constructive" - IRNA English',
    body: 'TEHRAN, April 12 (IRNA) – Foreign Minister Abbas Araghchi described the talks with the US as constructive.',
    expected: "Iran's FM Says Talks With US 'Constructive'",
    style: { case: 'title', titleStyle: 'ap' },
  },
  {
    agency: 'anadolu',
    headline: 'Talks between Russia and Ukraine resume in Istanbul - Anadolu Ajansı',
    body: 'ISTANBUL\nTalks between Russia and Ukraine resumed in Istanbul on Monday.',
    expected: 'Talks between Russia and Ukraine Resume in Istanbul',
    style: { case: 'title', titleStyle: 'chicago' },
  },
  {
    agency: 'anadolu',
    headline: 'Talks between Russia and Ukraine resume in Istanbul - Anadolu Ajansı',
    body: 'ISTANBUL\nTalks between Russia and Ukraine resumed in Istanbul on Monday.',
    expected: 'Talks Between Russia and Ukraine Resume in Istanbul',
    style: { case: 'title', titleStyle: 'ap' },
  },
  {
    agency: 'presstv',
    headline: 'PressTV-HEZBOLLAH SAYS RESISTANCE TO LAST UNTIL END OF ISRAELI AGGRESSION',
    body: "Lebanon's Hezbollah says the resistance will go on until the end of the Israeli aggression.",
    expected: 'Hezbollah Says Resistance to Last Until End of Israeli Aggression',
    style: { case: 'title', titleStyle: 'ap' },
  },
];

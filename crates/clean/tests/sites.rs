//! Pages from other "sites", invented for these tests (every word below is
//! made up), each with its own furniture: menus, cookie banners, share
//! buttons, newsletter boxes, related stories, copyright lines, comment
//! boxes, author notes. The same general rules must clean them all.

use dateline_clean::clean;
use dateline_model::{Article, DateOrigin, InputFormat, RawDocument, SourceMeta};

fn doc(source: &str, format: InputFormat, text: &str) -> RawDocument {
    RawDocument {
        source: source.to_string(),
        part: 0,
        format,
        text: text.to_string(),
        meta: SourceMeta::default(),
    }
}

fn assert_clean(article: &Article, banned: &[&str]) {
    for b in banned {
        assert!(
            !article.text.contains(b),
            "{}: body contains {b:?}:\n{}",
            article.source,
            article.text
        );
    }
    assert!(!article.text.contains("\n\n\n"));
}

/// Every mapped run of the body is the input's text at that place.
fn assert_offsets(article: &Article, input: &str) {
    assert!(!article.offsets.runs.is_empty());
    for &(c, o, len) in &article.offsets.runs {
        let (c, o, len) = (c as usize, o as usize, len as usize);
        assert_eq!(&article.text[c..c + len], &input[o..o + len]);
    }
}

const HERALD: &str = "\
Home | World | Politics | Business | Sport | Opinion

We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.

Accept all

World

Bombs hit market in northern town as talks stall

By Jane Roe | The Invented Herald

Published: 12 March 2021

Shoppers run from the scene of the blast in the old market. (Photo: Invented Agency)

KABUL, Afghanistan (AP) — Two bombs exploded in a crowded market in the northern town of Qaleh Now on Friday, killing at least nine people and wounding dozens, a provincial spokesman said.

The first device went off near a row of fruit stalls shortly after noon, and the second struck as residents rushed to help the wounded, the spokesman said, adding that women and children were among the dead.

Read more: Talks between the two sides resume next week

No group immediately claimed the attack, which came a day after negotiators in the capital said the peace talks had stalled over a prisoner exchange.

Share this article

Hospital officials in the provincial capital said they had received 34 wounded people, several of them in critical condition, and appealed for blood donations.

Related stories

Floods cut off mountain villages

Teachers strike over unpaid wages

Sign up for our daily newsletter to get the latest news delivered to your inbox.

© 2021 The Invented Herald. All rights reserved.
";

#[test]
fn text_page_with_menus_banners_and_footers() {
    let articles = clean(&doc("herald.txt", InputFormat::Text, HERALD));
    assert_eq!(articles.len(), 1, "{articles:#?}");
    let a = &articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Bombs hit market in northern town as talks stall")
    );
    assert_eq!(a.dateline.as_deref(), Some("KABUL"));
    assert_eq!(a.byline.as_deref(), Some("Jane Roe | The Invented Herald"));
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2021-03-12")
    );
    assert_eq!(a.published_from, Some(DateOrigin::Text));
    assert_eq!(a.language.as_deref(), Some("en"));
    assert!(a.text.starts_with("Two bombs exploded"), "{}", a.text);
    assert!(
        a.text.ends_with("appealed for blood donations."),
        "{}",
        a.text
    );
    assert_eq!(
        a.text.matches("\n\n").count(),
        3,
        "four paragraphs:\n{}",
        a.text
    );
    assert_eq!(
        a.captions,
        ["Shoppers run from the scene of the blast in the old market. (Photo: Invented Agency)"]
    );
    assert_clean(
        a,
        &[
            "cookies",
            "Read more",
            "Share",
            "Related",
            "Floods",
            "newsletter",
            "©",
            "Accept",
        ],
    );
    assert_offsets(a, HERALD);
}

const DAILY: &str = r##"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Gunmen attack convoy near border | The Invented Daily</title>
<meta property="og:title" content="Gunmen attack convoy near border">
<meta property="og:site_name" content="The Invented Daily">
<meta property="article:published_time" content="2022-05-04T09:30:00+03:00">
<link rel="canonical" href="https://daily.invalid/world/convoy-attack">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Gunmen attack convoy near border","datePublished":"2022-05-04T09:30:00+03:00","publisher":{"@type":"Organization","name":"The Invented Daily"}}</script>
<script>window.analytics = { track: function() {} };</script>
<style>.x{color:red}</style>
</head><body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner">This site uses cookies. <button>Accept</button></div>
<main>
<article class="story">
<h1>Gunmen attack convoy near border</h1>
<div class="byline">By Sam Poe</div>
<time datetime="2022-05-04T09:30:00+03:00">4 May 2022</time>
<figure><img src="convoy.jpg" alt=""><figcaption>Burnt trucks on the road to the crossing. Invented Agency photo</figcaption></figure>
<p>MOGADISHU, Somalia (Reuters) - Gunmen ambushed an aid convoy on the road to the Dolo crossing on Tuesday, killing four drivers and a guard, a regional official said, in the second such attack this month.</p>
<p>The convoy of twelve trucks was carrying food and medicine for camps near the border, where thousands of families have arrived since the rains failed, the official said.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<p>Residents said the attackers, who arrived on motorbikes, set fire to three trucks before fleeing into the bush. Aid groups said they would suspend road deliveries to the area &amp; review their security arrangements.</p>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Drought deepens in the south</a></li><li><a href="/b">Markets reopen after curfew</a></li></ul></aside>
<div class="newsletter-box"><p>Get our morning briefing, free, every weekday: sign up now.</p></div>
</article>
</main>
<div id="comments"><h3>Comments</h3><p>Post a comment. Comments are moderated and may take a while to appear on the site.</p></div>
<footer><p>&copy; 2022 The Invented Daily. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"##;

#[test]
fn html_page_with_chrome() {
    let articles = clean(&doc("daily.html", InputFormat::Html, DAILY));
    assert_eq!(articles.len(), 1, "{articles:#?}");
    let a = &articles[0];
    assert_eq!(a.title.as_deref(), Some("Gunmen attack convoy near border"));
    assert_eq!(a.dateline.as_deref(), Some("MOGADISHU"));
    assert_eq!(a.byline.as_deref(), Some("Sam Poe"));
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2022-05-04")
    );
    // The page shows its date as text too ("4 May 2022").
    assert_eq!(a.published_from, Some(DateOrigin::Text));
    assert_eq!(a.outlet.as_deref(), Some("The Invented Daily"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://daily.invalid/world/convoy-attack")
    );
    assert_eq!(
        a.captions,
        ["Burnt trucks on the road to the crossing. Invented Agency photo"]
    );
    assert!(
        a.text.starts_with("Gunmen ambushed an aid convoy"),
        "{}",
        a.text
    );
    assert!(
        a.text.ends_with("review their security arrangements."),
        "{}",
        a.text
    );
    assert!(a.text.contains("to the area & review"), "entities decoded");
    assert_clean(
        a,
        &[
            "Home",
            "cookies",
            "Share on",
            "Related",
            "Drought",
            "briefing",
            "Comments",
            "©",
            "Privacy",
            "analytics",
            "color:red",
        ],
    );
    assert_offsets(a, DAILY);
    // The first paragraph maps back to its place in the markup.
    let first = a.offsets.to_original(0).unwrap();
    assert!(DAILY[first..].starts_with("Gunmen ambushed"));
}

const TRIBUNE: &str = "\
The Invented Tribune — Morning Briefing

Latest | Politics | Region

Drone strike kills commander in hill district

Posted on 2 February 2023

By Ana Lind

DAKAR: A drone strike killed a senior commander of an armed group and two of his guards in the hill district of Bara late on Wednesday, security sources said.

The commander had led raids on several villages in the district over the past year, the sources said, and had survived two earlier strikes.

Residents said the vehicle was hit as it left a wedding in a village north of the district capital.

Farmers protest over water rights in the valley

Posted on 1 February 2023

NIAMEY: Hundreds of farmers marched to the governor's office on Thursday to protest against a plan to divert water from the valley to a new sugar plantation.

Protest leaders said the plan would leave thousands of small farms without water during the dry season, and demanded a meeting with the minister.

Police watched the march but did not intervene, and it ended peacefully in the afternoon.

Tags: Sahel, Agriculture, Security

Leave a comment

Your email address will not be published. Required fields are marked.
";

#[test]
fn briefing_page_splits_into_its_stories() {
    let articles = clean(&doc("tribune.txt", InputFormat::Text, TRIBUNE));
    let heads: Vec<(Option<&str>, Option<&str>, Option<String>)> = articles
        .iter()
        .map(|a| {
            (
                a.title.as_deref(),
                a.dateline.as_deref(),
                a.published.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        heads,
        [
            (
                Some("Drone strike kills commander in hill district"),
                Some("DAKAR"),
                Some("2023-02-02".into())
            ),
            (
                Some("Farmers protest over water rights in the valley"),
                Some("NIAMEY"),
                Some("2023-02-01".into())
            ),
        ]
    );
    assert_eq!(articles[0].byline.as_deref(), Some("Ana Lind"));
    assert!(articles[0].text.ends_with("north of the district capital."));
    assert!(articles[1]
        .text
        .ends_with("ended peacefully in the afternoon."));
    for a in &articles {
        assert_clean(
            a,
            &[
                "Tags",
                "Leave a comment",
                "email address",
                "Posted",
                "Latest",
            ],
        );
        assert_offsets(a, TRIBUNE);
    }
    assert_eq!((articles[0].index, articles[1].index), (0, 1));
}

const JOURNAL: &str = "\
Le Journal Inventé

International

Affrontements meurtriers dans le nord du pays

Publié le 5 avril 2022

NIAMEY: Au moins sept personnes ont été tuées lors d'affrontements entre deux communautés dans le nord du pays, a indiqué mardi une source sécuritaire.

Les violences ont éclaté après un différend sur l'accès à un point d'eau, selon des habitants de la région qui ont demandé à ne pas être nommés.

Les autorités ont envoyé des renforts et appelé au calme, alors que des centaines de familles ont quitté leurs villages pour se réfugier dans la ville voisine.

Partager
";

#[test]
fn non_english_is_kept_and_flagged() {
    let articles = clean(&doc("journal.txt", InputFormat::Text, JOURNAL));
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a.language.as_deref(), Some("fr"));
    assert_eq!(
        a.title.as_deref(),
        Some("Affrontements meurtriers dans le nord du pays")
    );
    assert_eq!(a.dateline.as_deref(), Some("NIAMEY"));
    assert!(a.text.ends_with("dans la ville voisine."));
}

const WIRE: &str = "\
INVENTED NEWS AGENCY

Curfew extended after clashes in port city

PORT SALAAM, March 3 (INA) - Authorities extended a night curfew in the
port city of Salaam by a week on Sunday after clashes between rival groups
killed at least five people, the governor's office said in a statement.

The clashes broke out on Friday in the eastern districts of the city and
spread to the harbour area, where security forces used tear gas to
disperse crowds, witnesses said.

Shops and schools will stay closed until further notice, the statement
said.

Reporting by Invented Reporter; Editing by Invented Editor
";

#[test]
fn hard_wrapped_wire_copy_is_unwrapped() {
    let articles = clean(&doc("wire.txt", InputFormat::Text, WIRE));
    assert_eq!(articles.len(), 1, "{articles:#?}");
    let a = &articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Curfew extended after clashes in port city")
    );
    assert_eq!(a.dateline.as_deref(), Some("PORT SALAAM"));
    assert!(
        a.text.starts_with(
            "Authorities extended a night curfew in the port city of Salaam by a week"
        ),
        "{}",
        a.text
    );
    assert_eq!(a.text.matches("\n\n").count(), 2, "{}", a.text);
    assert!(!a.text.contains("Reporting by"), "{}", a.text);
    assert_offsets(a, WIRE);
}

const MONITOR: &str = "\
Invented Monitor

Shelling hits hospital in southern city

AMMAN: Shelling struck the main hospital in the southern city of Karak on Saturday, killing two patients and a nurse, medical staff said.

The hospital's director said the building was hit three times in the early morning, damaging the maternity ward and the generator room.

Staff moved patients to a school nearby while engineers inspected the damage, the director said.

Lina Haddad

Lina Haddad reports on health and conflict for the Invented Monitor. She previously worked in Beirut and Cairo. Follow Lina on Twitter: @lina_example.

Omar Saleh

Omar is a data reporter based in Amman. He studied statistics at an invented university.
";

#[test]
fn author_biographies_are_not_the_story() {
    let articles = clean(&doc("monitor.txt", InputFormat::Text, MONITOR));
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert!(a.text.ends_with("the director said."), "{}", a.text);
    assert_clean(a, &["Lina Haddad", "Omar", "Twitter"]);
}

#[test]
fn html_meta_date_when_the_text_states_none() {
    let page = DAILY.replace(
        r#"<time datetime="2022-05-04T09:30:00+03:00">4 May 2022</time>"#,
        "",
    );
    let a = &clean(&doc("daily.html", InputFormat::Html, &page))[0];
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2022-05-04")
    );
    assert_eq!(a.published_from, Some(DateOrigin::Meta));
}

#[test]
fn feed_and_json_items_use_their_stated_title() {
    let mut item = doc(
        "wire.jsonl",
        InputFormat::Jsonl,
        "<p>JUBA: Fighting between two armed groups killed six people in a village on Monday, local officials said.</p><p>Hundreds of residents fled to a nearby town, they said.</p>",
    );
    item.meta.title = Some("Six killed in village fighting".to_string());
    let articles = clean(&item);
    assert_eq!(articles.len(), 1);
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Six killed in village fighting")
    );
    assert_eq!(articles[0].dateline.as_deref(), Some("JUBA"));
    assert!(articles[0].text.ends_with("they said."));
    // Plain text in a JSON line stays plain text.
    let plain = clean(&doc(
        "wire.jsonl",
        InputFormat::Jsonl,
        "Fighting resumed near the river on Sunday, residents said.",
    ));
    assert_eq!(
        plain[0].text,
        "Fighting resumed near the river on Sunday, residents said."
    );
}

const POST: &str = r#"<html><head><title>Clashes in the valley - Invented Post</title></head><body>
<div id="top"><a href="/">Invented Post</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></div>
<table><tr><td class="sidebar"><a href="/x">Most read</a><br><a href="/y">Weather</a></td>
<td class="main-col"><h2>Clashes in the valley leave eight dead</h2>
<b>Monday, 6 June 2022</b><br><br>
HERAT, June 6 (IPN) - Clashes between two tribes over grazing land in the valley north of the city killed eight people on Sunday, police said.<br><br>
The fighting began after a dispute over a water channel and spread to three villages, a police spokesman said, adding that elders were trying to broker a truce.<br><br>
Hospitals in the city received 15 wounded, several of them children, a health official said.<br><br>
<i>Copyright 2022 Invented Post. All rights reserved.</i>
</td></tr></table>
<div class="footer">Contact | Advertise | Jobs</div>
</body></html>"#;

#[test]
fn old_table_layout_with_br_paragraphs() {
    let articles = clean(&doc("post.html", InputFormat::Html, POST));
    assert_eq!(articles.len(), 1, "{articles:#?}");
    let a = &articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Clashes in the valley leave eight dead")
    );
    assert_eq!(a.dateline.as_deref(), Some("HERAT"));
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2022-06-06")
    );
    assert_eq!(a.text.matches("\n\n").count(), 2, "{}", a.text);
    assert_clean(a, &["Most read", "Copyright", "Contact", "Sport"]);
    assert_offsets(a, POST);
}

const NET: &str = r#"<!doctype html><html><head><meta property="og:title" content="Strike on fuel depot"><meta property="og:site_name" content="Invented Net"></head>
<body><div class="wrapper"><div class="header"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></div>
<div class="article-body">
<div class="headline">Strike on fuel depot sets off huge blaze</div>
<div class="meta">By <a rel="author" href="/a/lee">Kim Lee</a> · 3 hours ago</div>
<div>An air strike hit a fuel depot on the edge of the city of Tessa early on Tuesday, setting off a blaze that burned for hours, residents and officials said.</div>
<div>The governor said two workers were killed and that firefighters had brought the fire under control by the afternoon, after tankers were moved away from the site.</div>
<div class="ad-slot">Advertisement</div>
<div>It was not clear who carried out the strike. The depot supplies fuel to power plants in the region, and officials warned of power cuts in the coming days.</div>
<div class="related-articles"><h4>More on this story</h4><a href="/1">Earlier strike on bridge</a><a href="/2">Power cuts hit north</a></div>
</div>
<div class="comments-section"><div class="comment">Great article!! Thanks for reporting this, very informative and well written.</div></div>
</div></body></html>"#;

#[test]
fn div_soup_page() {
    let articles = clean(&doc("net.html", InputFormat::Html, NET));
    assert_eq!(articles.len(), 1, "{articles:#?}");
    let a = &articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Strike on fuel depot sets off huge blaze")
    );
    assert_eq!(a.byline.as_deref(), Some("Kim Lee"));
    assert_eq!(a.outlet.as_deref(), Some("Invented Net"));
    assert!(a.text.starts_with("An air strike hit a fuel depot"));
    assert!(a.text.ends_with("power cuts in the coming days."));
    assert_clean(
        a,
        &[
            "Home",
            "Advertisement",
            "More on this story",
            "Earlier strike",
            "Great article",
        ],
    );
    assert_offsets(a, NET);
}

#[test]
fn a_comment_prompt_in_mid_page_does_not_end_the_story() {
    let page = "Rains cut roads to border camps\n\n\
        NAIROBI: Heavy rains cut the main roads to three camps near the border on Monday, leaving tens of thousands of people without deliveries of food and water, aid agencies said.\n\n\
        Join the conversation: tell us how the floods have affected you.\n\n\
        The agencies said they were trying to reach the camps by air, but that the runway at the nearest airstrip had also been damaged by the water.\n\n\
        Local officials said at least four people had drowned when a bus was swept off a bridge, and that the search for other passengers would go on.\n\n\
        Comments powered by Invented Talk\n\n\
        We invite readers to share their views. Be civil and stay on topic, please.\n";
    let a = &clean(&doc("rains.txt", InputFormat::Text, page))[0];
    assert!(a.text.contains("reach the camps by air"), "{}", a.text);
    assert!(a.text.ends_with("would go on."), "{}", a.text);
    assert_clean(a, &["conversation", "powered", "invite"]);
}

#[test]
fn a_logo_in_h1_is_not_the_headline() {
    let page = NET
        .replace(
            "<body><div class=\"wrapper\">",
            "<body><div class=\"wrapper\"><h1 class=\"logo\">Invented Net</h1>",
        )
        .replace(
            "<div class=\"headline\">Strike on fuel depot sets off huge blaze</div>",
            "<h1>Strike on fuel depot sets off huge blaze</h1>",
        );
    let articles = clean(&doc("net.html", InputFormat::Html, &page));
    assert_eq!(articles.len(), 1);
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Strike on fuel depot sets off huge blaze")
    );
}

/// Spec §8: `article.index` numbers the articles of one input. The article
/// of JSON line 2 is index 2, without knowing lines 0 and 1, so a queue
/// worker handed that line alone numbers it as a whole-file read does.
#[test]
fn the_article_of_a_part_is_numbered_by_the_part() {
    let mut line = doc(
        "summaries.jsonl",
        InputFormat::Jsonl,
        "Invented example. Gunmen attacked a checkpoint near the town on Monday, \
         killing two guards, police said.",
    );
    line.part = 2;
    let articles = clean(&line);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].index, 2);
}

#[test]
fn a_time_stamp_is_furniture_a_sentence_saying_ago_is_not() {
    // Invented: a summary of one sentence that says "two days ago", under
    // a site's time stamp.
    let input = "Gunmen attack market town\n\nUpdated 2 hours ago\n\nGunmen attacked the market town of Dorvan two days ago, killing three traders.\n";
    let articles = clean(&doc("stamp.txt", InputFormat::Text, input));
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert!(a.text.contains("two days ago, killing three"), "{}", a.text);
    assert_clean(a, &["Updated 2 hours ago"]);
}

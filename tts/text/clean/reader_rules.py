"""Line rules for the page talking to its reader and about the story: badges, footers,
credits, notices, "read more" prompts, disclosures, tags, related links, comments, sharing.
"""

from __future__ import annotations

from tts.text.clean.line_rule import LineRule, rule

READER_RULES: tuple[LineRule, ...] = (
    # "5 min read", "3 minute listen": reading-time badges.
    rule("reading-time", r"^\d+\s*(min|mins|minute|minutes)\.?\s*(read|listen|watch)$", "badges"),
    # "Copyright 2020 NPR. To see more, visit https://www.npr.org.", "© 2024 Kansas City Public
    # Radio", "All rights reserved": legal footers (a story never ends with its own copyright).
    rule(
        "copyright",
        r"^((©|\(c\)|copyright)\s*(©\s*)?\d{4}|.*\ball rights reserved\b|.*to see more, visit\b"
        r"|copyright ©|.*\bis subject to copyright\b)",
        "copyright footers and notices",
        max_words=30,
    ),
    # "Ann Lee contributed reporting from Paris.", "Associated Press writers Tom Park and Ann
    # Lee contributed to this report.": who else worked on the story, not the story.
    rule(
        "contributor-note",
        r"\bcontributed (reporting|to this (report|story|article)|research|additional reporting)"
        r"\b[^.!?]{0,60}\.?$",
        "the note naming who contributed to the story",
        max_words=40,
    ),
    # "Citation: Title (2019, November 18) retrieved ...", "Please enable JavaScript to view".
    rule(
        "page-notice",
        r"^citation:|\b(please )?(enable|requires?|turn on) javascript\b",
        "notices about the page itself",
        max_words=40,
    ),
    # "Powered by Frankly", "Site by ...": the vendor of the page's software.
    rule("platform-credit", r"^(powered|designed|built|hosted) by \S", "the site's vendor", 6),
    # "Read more at the Washington Post.", "Continue reading the main story".
    rule(
        "read-more",
        r"^[^\w(]{0,4}\s*(read more|read the (full|original|rest|whole)|continue reading"
        r"|keep reading|click here|see more|read it (at|on)|see the full|read full (story|article)"
        r"|read next|read also|also read|more from|watch more)\b.*$",
        "links that send the reader elsewhere",
        max_words=10,
    ),
    # "Read more: Council approves a budget after a long debate", "SEE MORE: ...", "Also on
    # example.com ...": a prompt and the headline it links to.
    rule(
        "read-more",
        r"^[^\w(]{0,4}\s*((read|see|watch) more|also read|read also|also|more|related|watch)\s*:"
        r"|^also on [\w-]+\.(com|org|net|co\.uk|tv)\b",
        "a link to another story",
        max_words=30,
    ),
    # "Council votes on the budget [VIDEO]", "Storm hits the coast [PICTURES]": a link to
    # another story, tagged with what it holds.
    rule(
        "read-more",
        r"\[(video|videos|insight|reaction|pictures?|photos?|gallery|analysis|latest|poll|live"
        r"|revealed|comment|opinion|explained|update)\]\W{0,3}$",
        "a tagged link to another story",
        max_words=30,
    ),
    # "Like this story? Share it with a friend!", "Have a tip? ...", "Tell us what YOU think":
    # the page talking to its reader.
    rule(
        "reader-prompt",
        r"^((did you )?(like|enjoy|love)d? (this|the) (story|article|post|video)\b|want more\b"
        r"|(have|got) a (news )?tip\b|tell us what you think|share your thoughts"
        r"|what do you think\??$|we('d| would) like to hear what you think)",
        "prompts addressed to the reader",
        max_words=30,
    ),
    # "Sometimes we include links to online retail stores ... we may receive a commission":
    # affiliate disclosures.
    rule(
        "disclosure",
        r"\b(we|us|our|[A-Z]\w+) (may|might|could|will)? ?(earn|get|receive|make)s? (a |an )?"
        r"(small )?(share of (the )?sales?|commission|affiliate)|\baffiliate (links?|commission)"
        r"|^\W?(these statements have not been evaluated|the information (provided )?on this "
        r"(web)?site\b|this (article|content|website) is for informational purposes)",
        "affiliate-link disclosures",
        max_words=45,
    ),
    # "(Reporting by Jane Roe; Editing by Tom Park)": the wire service's production credits.
    rule(
        "reporting-credit",
        r"^\(?((additional )?reporting|writing|editing|compiled|produced) by (?-i:[A-Z])[^.!?]*"
        r"(;|\band\b|editing by|\)\.?$|$)",
        "a wire story's reporting and editing credits",
        max_words=45,
    ),
    # "Opinion Columnist", "Staff Writer": a job title where a byline would be.
    rule(
        "author-role",
        r"^(?!The )([A-Z][\w.&'’-]*\s+){0,3}(Columnist|Correspondent|Reporter|Writer|Contributor"
        r"|Editor|Producer|Anchor|Meteorologist)$",
        "a journalist's job title printed under a byline",
        max_words=5,
        ignore_case=False,
    ),
    # "NPR : News", "Home > Politics > Congress": breadcrumbs, spaced separators between labels.
    rule(
        "breadcrumb",
        r"^[^.!?:]{1,40}(\s(:|>|»|›|/)\s[^.!?:]{1,40})+$",
        "breadcrumb trails naming the site's sections",
        max_words=8,
    ),
    # "Filed Under:", "Tags: Politics, Congress", "Topics conceptEV LA Auto Show".
    rule(
        "tag-list",
        r"^(filed under|tags?|tagged( with)?|topics|related tags|related topics|categories"
        r"|keywords)\b\s*:?[^.!?]*$|^\[?(more on|more about|see also|also read|read also"
        r"|related( \w+)?)\s*:\s*.*$",
        "tag and category lists",
        max_words=14,
    ),
    # "Related Content", "More Stories", "You May Also Like": headings of teaser lists.
    rule(
        "related-heading",
        r"^(related|related (content|stories|story|articles?|coverage|links|posts|news|videos?)"
        r"|more (stories|news|headlines|articles|videos?|from [\w .&'’-]+|on this( story| topic)?)"
        r"|you (may|might) (also )?(like|enjoy|be interested in)|recommended( for you| stories)?"
        r"|(most|top) (popular|read|viewed|shared|emailed)( stories| articles| now)?"
        r"|(don'?t|do not) miss|trending( now| stories)?|editor'?s'? picks?|what to read next"
        r"|around the web|from around the web|elsewhere on .*|promoted stories|sponsored stories"
        r"|other stories|latest (stories|news|headlines|videos?)|top stories|in case you missed it"
        r"|(next up|more|latest|popular) in [\w &,'’-]{1,40})"
        r"\s*:?$",
        "headings of related-story and teaser lists",
    ),
    # "Comments", "34 responses to “Headline”", "Leave a comment": comment sections.
    rule(
        "comments",
        r"^[\[(]?\s*(\d+\s+)?((top|most|highest)[ -]rated|most (recent|popular|liked)|newest"
        r"|oldest|reader|recent|latest)?\s*(comments?|responses?|replies|thoughts|reactions)"
        r"(\s*\(\d+\))?(\s+(to|on)\s+.*)?\s*[\])]?$"
        r"|^[\[(]?\s*(leave|post|add|write|view|show|hide|read|load|join|see)"
        r"( a| the| your| all| \d+)? (comments?|replies|reply|discussion|conversation)\b.*$"
        r"|^(comments are closed|be the first to comment|permalink\b.*comments)",
        "comment sections and their controls",
        max_words=20,
    ),
    # "Rating: 36 Votes", "12 likes": the score readers gave a comment.
    rule(
        "comment-votes",
        r"^(rating|score|votes?|likes?|points?|upvotes?)\s*:?\s*[+-]?\d+(\s+(votes?|likes?|points?))?$"
        r"|^[+-]?\d+\s+(votes?|likes?|upvotes?|points?)$",
        "a reader comment's votes",
    ),
    # "1. thelastchargersfan says:", "Jane Doe said:": a commenter's name above a comment.
    rule(
        "comment-author",
        r"^(\d+\.\s*)?[\w.@'’()-]+(\s+[\w.@'’()-]+){0,3}\s+(on\s+[\w ,.]{4,40}?(\d{1,2}:\d\d"
        r"\s*([ap]\.?m\.?)?|\d{4})\s+)?(says|said|wrote|writes|replied)\s*:$",
        "the name line above each reader comment",
        max_words=14,
    ),
    # "Click to share on Facebook (Opens in new window)", "Share on WhatsApp".
    rule(
        "share-button",
        r"^(click (here )?to )?(share|e-?mail|print|tweet|pin|post|send)\b.*\b(facebook|twitter"
        r"|e-?mail|print|linkedin|reddit|pinterest|whatsapp|messenger|friend|new window|flipboard)"
        r"\b[^.!?]*$",
        "share and print buttons",
    ),
    # A line holding only an e-mail address or a URL: contact details, never story text.
    rule(
        "contact-address",
        r"^(e-?mail:?\s*)?(\S+@\S+\.\w+|https?://\S+|www\.\S+)$",
        "bare e-mail addresses and links",
        max_words=4,
    ),
    # "Follow us on Twitter", "Follow @handle", "Like us on Facebook".
    rule(
        "social-prompt",
        r"^((follow|like|find|join) (us|him|her|them|me|@\w+)( on [\w ]+)?|@\w+)\b.*$",
        "social-media prompts",
        max_words=12,
    ),
    # "Email Ana Lima at alima@example.com or follow her @analima", "Join our forums ...".
    rule(
        "social-prompt",
        r"^(e-?mail|contact|reach|write to) (\w+ ){0,3}at \S+@\S+|^(join|follow|like|visit) our\b",
        "prompts to write to the author or join the site",
        max_words=40,
    ),
    # "Follow The Example Times Opinion section on Facebook, Twitter and Instagram."
    rule(
        "social-prompt",
        r"^(follow|like|find|join|connect with)\b.{0,80}\bon (facebook|twitter|instagram"
        r"|linkedin|youtube|tiktok)\b",
        "social-media prompts",
        max_words=25,
    ),
)

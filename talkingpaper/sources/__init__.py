"""Following news sources: RSS and Atom feeds (and OPML lists of them) named in show.toml,
read by `talkingpaper update` into articles in content/ and then into episodes.

config (the sources in show.toml), http (the network, politely), feed_doc (a feed read by
feedparser), opml (listparser), state (what each source gave before), fingerprint (the
same story from two sources), items (an item into an article), update (the run).
"""

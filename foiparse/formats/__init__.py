"""Input formats other than the text the pipeline reads.

Each module turns one format into that text (a WhatDoTheyKnow page's text
for a saved page), so the parsing stages stay one parser.
"""

"""Discourse trends: concepts counted per year and organisation, each count traceable to sentences."""

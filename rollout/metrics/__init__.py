"""Scores, status and rollout metrics: one library module the reports use."""

"""The engagement demo: profiles, My List, ratings, progress and reviews of demo accounts."""

"""The 2025 study, as cicli carries it: its passages, notions, the bodies it names, every change cicli made to its
annex (knowledge), its funding figures (funding), and its annex as cicli loads it (annex)."""

"""Seeded synthetic demo data for the fictive municipality "Eksempelby Kommune" (see synth.demo)."""

from synth.demo import DEMO, LARGE, Scale, SynthData, compute_totals, generate, write_demo

__all__ = ["DEMO", "LARGE", "Scale", "SynthData", "compute_totals", "generate", "write_demo"]

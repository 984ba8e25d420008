"""The method stage: answers, scores, targets, benchmarks, rules, plan, one report."""

"""tierwatch.reading"""

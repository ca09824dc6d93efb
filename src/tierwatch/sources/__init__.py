"""tierwatch.sources"""

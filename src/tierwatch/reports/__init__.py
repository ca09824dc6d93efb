"""tierwatch.reports"""

"""tierwatch.statements"""

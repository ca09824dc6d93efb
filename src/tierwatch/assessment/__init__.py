"""tierwatch.assessment"""

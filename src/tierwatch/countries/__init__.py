"""tierwatch.countries"""

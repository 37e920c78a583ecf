"""map/actors"""

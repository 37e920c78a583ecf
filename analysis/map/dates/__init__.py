"""map/dates"""

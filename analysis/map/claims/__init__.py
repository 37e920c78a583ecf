"""map/claims"""

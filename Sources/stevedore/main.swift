print("stevedore")

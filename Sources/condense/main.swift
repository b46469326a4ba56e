print("condense")

class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.history = []
    @property
    def balance(self):
        return self._balance
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))
        return self
    def withdraw(self, amount):
        if amount > self._balance:
            raise ValueError(f"insufficient funds: {self._balance} < {amount}")
        self._balance -= amount
        self.history.append(("withdraw", amount))
        return self
    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance})"
class Savings(Account):
    def add_interest(self):
        self.deposit(round(self._balance * self.interest, 2))
acct = Savings("ann", 100)
acct.deposit(50).withdraw(30)
acct.add_interest()
print(acct, acct.balance, acct.history)
for amt in [10, -5, 1000]:
    try:
        acct.withdraw(amt) if amt > 0 else acct.deposit(amt)
        print("ok", amt, acct.balance)
    except ValueError as e:
        print("failed:", e)

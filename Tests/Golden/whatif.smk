# What if: the funnel, measured rates, plans back from a target, scenarios.
funnel
funnel by country
rates
whatif target 10000 deal 1000 rate lead->customer 2%
whatif target 60k deal 20k rate opportunity->customer 50% rate sql->opportunity 50% rate sal->sql 50%
whatif rate sal->sql 90% deal 10k
rate sql->opportunity 40%
rates
scenario new push
move L-000002 to sql
scenario diff
scenarios
scenario switch main
scenario apply
scenario switch push
scenario apply
changes
# errors
whatif target 10k rate customer->lead 5%
whatif target 10k rate lead->customer 150%
whatif deal 5k
scenario switch nowhere
rate mql->sql abc

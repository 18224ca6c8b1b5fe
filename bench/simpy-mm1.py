"""The M/M/1 model of leadsim's product bench in SimPy: one FIFO server, Poisson arrivals at
rho = 0.8, exponential service. Prints customers served, mean response and customers/s (whole
process, interpreter start included) so `npm run bench` can set leadsim beside it."""
import random
import sys
import time

import simpy

started = time.perf_counter()
customers = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
arrival_rate, service_rate = 0.8, 1.0
rng = random.Random(42)
served = 0
total_response = 0.0


def customer(env, server):
    global served, total_response
    arrived = env.now
    with server.request() as turn:
        yield turn
        yield env.timeout(rng.expovariate(service_rate))
    served += 1
    total_response += env.now - arrived


def arrivals(env, server):
    for _ in range(customers):
        yield env.timeout(rng.expovariate(arrival_rate))
        env.process(customer(env, server))


env = simpy.Environment()
env.process(arrivals(env, simpy.Resource(env, capacity=1)))
env.run()
seconds = time.perf_counter() - started
print(f"simpy customers={served} mean_response={total_response / served:.3f} (theory 5) "
      f"customers_per_s={served / seconds:.0f}")

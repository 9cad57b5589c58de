# No `if __name__ == '__main__':` guard: with the spawn start method the child runs
# this file again, and its own start() is refused while it bootstraps.
import multiprocessing as mp

def hello():
    print('hello from the child')

mp.set_start_method('spawn', force=True)
p = mp.Process(target=hello)
p.start()
p.join()
print('exit code', p.exitcode)

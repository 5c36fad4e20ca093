from .loopback import main

main()

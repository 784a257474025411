"""The immutable values pickle and copy as Python's own (range, frozenset) do."""
import copy
import pickle

import cidrplan as cp


def test_prefix_set_pickles_and_copies():
    s = cp.PrefixSet(["10.0.0.0/25", "10.0.0.128/25", "2001:db8::/32"])
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(s, protocol=protocol))
        assert back == s and list(back.prefixes()) == ["10.0.0.0/24", "2001:db8::/32"]
    assert copy.copy(s) is s and copy.deepcopy(s) is s
    assert pickle.loads(pickle.dumps(cp.PrefixSet())) == cp.PrefixSet()
    # inside a container, as a notebook's state is saved
    assert pickle.loads(pickle.dumps({"free": [s]}))["free"][0] == s


def test_subnets_pickle_as_the_same_view_at_every_size():
    views = [
        cp.split("10.0.0.0/8", 24),
        cp.split("10.0.0.0/8", 24)[5:100:7],
        cp.split("10.0.0.0/8", 24)[::-1],
        cp.split("10.0.0.0/8", 24)[::-3][2:],
        cp.split("10.0.0.0/8", 24)[10:3],
        cp.split("::/0", 128),
        cp.split("::/0", 128)[2**127 :: 2**120],
    ]
    for v in views:
        for protocol in (0, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
            back = pickle.loads(pickle.dumps(v, protocol=protocol))
            assert (back.parent, back.new_prefix, back.count) == (v.parent, v.new_prefix, v.count)
            if v.count < 10**6:
                assert list(back) == list(v)
            else:
                assert back[0] == v[0] and back[-1] == v[-1]
        assert copy.copy(v) is v and copy.deepcopy(v) is v

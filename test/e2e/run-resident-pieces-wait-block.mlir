// Resident weights that come piece by piece: a piece's transfer to the
// cores forwards the memtile's fill of the whole block and ends no sooner
// than that fill, and the second step's piece queues behind its input. The
// tile search's estimate counts both, within 3% of the simulation (it
// priced this tile 10% fast, and picked it over faster ones).
// 14x14 1x1 conv, 384 -> 64 channels (a MobileNetV2 layer), two steps of
// 192 input channels.
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=4,toc=16,icb=192,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,form=one-row --conv "op=conv2d_nhwc_hwcf,ih=14,iw=14,ic=384,oc=64,kh=1,kw=1" > %t.json
// RUN: python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['correct'] and d['schedule']['l1.steps_per_tile'] == '2' and d['schedule']['l1.weights_resident'] == 'true', d['schedule']; assert abs(d['analytic_error']) < 0.03, (d['analytic_cycles'], d['cycles'])" %t.json
// The search no longer picks that tile, and its pick simulates faster.
// RUN: aieconv run --json --conv "op=conv2d_nhwc_hwcf,ih=14,iw=14,ic=384,oc=64,kh=1,kw=1" > %t.auto.json
// RUN: python3 -c "import json,sys; a,d=(json.load(open(f)) for f in sys.argv[1:]); assert a['correct'] and a['schedule']['tile'] != d['schedule']['tile'] and a['cycles'] < d['cycles'], (a['schedule']['tile'], a['cycles'], d['cycles'])" %t.auto.json %t.json

# valley-theory.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot valley-theory.gp                  writes valley-theory.png and valley-theory.svg
#   gnuplot -c valley-theory.gp terminal      draws it in the terminal
#   gnuplot -c valley-theory.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'valley-theory.png'
svg_file = (ARGC > 2) ? ARG3 : 'valley-theory.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1500,480 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1500,480 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 180,30 noenhanced; set output }
  set multiplot layout 1,3 title 'The valley f = x²/20 + y², worked out'
  # — panel 'Per-step factor of each coordinate (size)' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Per-step factor of each coordinate (size)'; set xlabel 'learning rate η'; set ylabel '|factor| per step'
  set xrange [0:3]; set yrange [0:1.5]
  set format x '% h'
  set format y '% h'
  set key default; set key top right opaque
  plot 'valley-theory.dat' using 1:(abs($2)) with lines lw 1.5 title 'SGD x: |1 − η/10|', \
       'valley-theory.dat' using 1:(abs($3)) with lines lw 1.5 title 'SGD y: |1 − 2η|', \
       'valley-theory.dat' using 1:4 with lines lw 1.5 dt 2 title 'Momentum x: larger root', \
       'valley-theory.dat' using 1:5 with lines lw 1.5 dt 2 title 'Momentum y: larger root'
  # — panel 'f after the walk, against η (points: the book''s rates)' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'f after the walk, against η (points: the book''s rates)'; set xlabel 'learning rate η'; set ylabel 'f after the updates'
  set xrange [0:3]; set yrange [1e-12:10000]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  set key default; set key bottom right opaque
  plot 'valley-theory.dat' using 1:7 with lines lw 1.5 title 'SGD', \
       'valley-theory.dat' using 1:12 with lines lw 1.5 title 'Momentum', \
       'valley-theory.dat' using 1:16 with lines lw 1.5 title 'AdaGrad', \
       'valley-theory.dat' using 1:18 with lines lw 1.5 title 'Adam', \
       'valley-rates.dat' using 1:2 with points pt 7 ps 0.6 lc rgb 'black' title 'book''s rates'
  # — panel 'Tuned for κ = 20: f before each update' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Tuned for κ = 20: f before each update'; set xlabel 'step'; set ylabel 'f'
  set xrange [0:29]; set yrange [1e-10:100]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  set key default; set key bottom left opaque
  plot 'valley-tuned.dat' using 1:2 with linespoints lw 1.5 pi 1 ps 1 title 'SGD at 2/(λx + λy)', \
       'valley-tuned.dat' using 1:3 with linespoints lw 1.5 pi 1 ps 1 title 'Momentum tuned for κ'
  unset multiplot
  set output
}

# reruns.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot reruns.gp                  writes reruns.png and reruns.svg
#   gnuplot -c reruns.gp terminal      draws it in the terminal
#   gnuplot -c reruns.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'reruns.png'
svg_file = (ARGC > 2) ? ARG3 : 'reruns.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 900,560 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 900,560 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'The 5 best settings, trained with 3 seeds; the winner trained on 500 images and tested once' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'The 5 best settings, trained with 3 seeds; the winner trained on 500 images and tested once'; set xlabel 'rank in the search'; set ylabel 'accuracy'
  set xrange [0.5:5.5]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom left opaque
  plot 'reruns.dat' using 1:5 with linespoints lw 1.5 pi 1 ps 1 title 'validation, search', \
       'reruns.dat' using 1:6 with linespoints lw 1.5 pi 1 ps 1 title 'validation, seed 1', \
       'reruns.dat' using 1:7 with linespoints lw 1.5 pi 1 ps 1 title 'validation, seed 2', \
       'final-test.dat' using (1):4 with points pt 7 ps 0.6 lc rgb 'black' title 'winner: test accuracy'
  unset multiplot
  set output
}
